using System.Text.Json.Nodes;

namespace ApiGatewayTools.LocalGateway.State;

/// <summary>A registered local function and its resource-based policies, one per qualifier.</summary>
internal sealed class LocalFunctionRecord
{
    public required LocalFunctionDefinition Definition { get; init; }
    public required DateTimeOffset LastModified { get; init; }
    public string RevisionId { get; set; } = Guid.NewGuid().ToString();

    /// <summary>Policy statements keyed by qualifier ("" for the unqualified function), in the order added.</summary>
    public Dictionary<string, List<JsonObject>> PolicyStatements { get; } = new(StringComparer.Ordinal);

    public string Name => Definition.FunctionName;
    public string Arn => FunctionArn(Name);

    public static string FunctionArn(string name) =>
        $"arn:aws:lambda:{LocalGatewayServer.Region}:{LocalGatewayServer.AccountId}:function:{name}";

    public LocalFunctionInfo ToInfo() => new(Name, Arn, Definition.Runtime, Definition.Description, LastModified);
}
