using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiGatewayTools.Engine.Client;

/// <summary>Every Lambda operation the module sends (API version 2015-03-31), each built here and only here.</summary>
public static class LambdaOperations
{
    internal const string ApiVersionPrefix = "2015-03-31";

    /// <summary><paramref name="functionName"/> may be a name, a partial or full ARN.</summary>
    public static GwOperation<LambdaFunction> GetFunction(string functionName, string? qualifier) =>
        Build("GetFunction", HttpMethod.Get, FunctionPath(functionName), ResponseMapper.Function, query: QualifierQuery(qualifier));

    /// <summary>ListFunctions: 50 a page under "Functions", the next page at "NextMarker".</summary>
    public static GwListing<LambdaFunction> ListFunctions() =>
        new(marker =>
        {
            var query = new Dictionary<string, string> { ["MaxItems"] = "50" };
            if (marker is not null)
            {
                query["Marker"] = marker;
            }

            return Build<GwPage<LambdaFunction>>("ListFunctions", HttpMethod.Get, RestPath.Of(ApiVersionPrefix, "functions") + "/",
                (page, connection) => new GwPage<LambdaFunction>(
                    page.Member("Functions") is { ValueKind: JsonValueKind.Array } functions
                        ? functions.EnumerateArray().Select(f => ResponseMapper.Function(f, connection)).ToList()
                        : [],
                    page.Str("NextMarker")),
                query: query);
        });

    public static GwOperation<LambdaPolicy> GetPolicy(string functionName, string? qualifier) =>
        Build("GetPolicy", HttpMethod.Get, FunctionPath(functionName) + "/policy",
            (json, connection) => ResponseMapper.Policy(json, functionName, connection), query: QualifierQuery(qualifier));

    /// <summary>Answers the statement Lambda stored, which comes back as a JSON document inside a string.</summary>
    /// <param name="references">Earlier steps' answers that the SourceArn names, e.g. the id of an authorizer the same plan creates.</param>
    public static GwOperation<LambdaPolicyStatement> AddPermission(AddPermissionRequest request, IReadOnlyList<GwStepReference>? references = null)
    {
        var body = new JsonObject
        {
            ["StatementId"] = request.StatementId,
            ["Action"] = request.Action,
            ["Principal"] = request.Principal,
        }
            .Put("SourceArn", request.SourceArn)
            .Put("SourceAccount", request.SourceAccount);
        // Statement ids are deterministic, so the statement a lost attempt added is found by its id and scope.
        return Build("AddPermission", HttpMethod.Post, FunctionPath(request.FunctionName) + "/policy",
            (json, connection) => ResponseMapper.Statement(Json.Parse(json.Str("Statement") ?? "{}"), request.FunctionName, connection),
            body, QualifierQuery(request.Qualifier), references)
            .ReconciledBy(async (client, sent, ct) =>
            {
                // The SourceArn as sent: an earlier step's answer (an authorizer's id) is filled in by then.
                var sourceArn = Json.Parse(sent.Body!).Str("SourceArn");
                return (await client.FindAsync(GetPolicy(request.FunctionName, request.Qualifier), ct).ConfigureAwait(false))?.Statements
                    .FirstOrDefault(s => s.StatementId == request.StatementId && s.SourceArn == sourceArn && s.Principal == request.Principal);
            });
    }

    public static GwOperation RemovePermission(string functionName, string statementId, string? qualifier) =>
        new(ServiceNames.Lambda, "RemovePermission", HttpMethod.Delete, FunctionPath(functionName) + RestPath.Of("policy", statementId), null, QualifierQuery(qualifier));

    /// <summary>Freezes $LATEST as a new version (or answers the last version when nothing changed since).</summary>
    /// <remarks>
    /// Safe to repeat as it is, so it needs no reconcile: Lambda publishes no new version when the code and
    /// configuration have not changed since the last one, so a repeat after a lost answer answers the version the
    /// lost attempt published.
    /// </remarks>
    public static GwOperation<LambdaFunction> PublishVersion(string functionName, string? description) =>
        Build("PublishVersion", HttpMethod.Post, FunctionPath(functionName) + "/versions", ResponseMapper.Function,
            new JsonObject().Put("Description", description));

    public static GwOperation<LambdaAlias> GetAlias(string functionName, string aliasName) =>
        Build("GetAlias", HttpMethod.Get, FunctionPath(functionName) + RestPath.Of("aliases", aliasName),
            (json, connection) => ResponseMapper.Alias(json, FunctionNameOf(json, functionName), connection));

    /// <summary>A repeat is refused as a conflict, so a lost attempt's alias is found by its name, version and description.</summary>
    public static GwOperation<LambdaAlias> CreateAlias(string functionName, string aliasName, string functionVersion, string? description) =>
        Build("CreateAlias", HttpMethod.Post, FunctionPath(functionName) + "/aliases",
            (json, connection) => ResponseMapper.Alias(json, FunctionNameOf(json, functionName), connection),
            new JsonObject { ["Name"] = aliasName, ["FunctionVersion"] = functionVersion }.Put("Description", description))
            .ReconciledBy(async (client, _, ct) =>
                await client.FindAsync(GetAlias(functionName, aliasName), ct).ConfigureAwait(false) is { } alias
                && alias.FunctionVersion == functionVersion && (alias.Description ?? "") == (description ?? "")
                    ? alias
                    : null);

    public static GwOperation<LambdaAlias> UpdateAlias(string functionName, string aliasName, string functionVersion, string? description) =>
        Build("UpdateAlias", HttpMethod.Put, FunctionPath(functionName) + RestPath.Of("aliases", aliasName),
            (json, connection) => ResponseMapper.Alias(json, FunctionNameOf(json, functionName), connection),
            new JsonObject { ["FunctionVersion"] = functionVersion }.Put("Description", description));

    /// <summary>The function's name from the alias ARN Lambda answers, whatever form of the name was sent.</summary>
    private static string FunctionNameOf(JsonElement alias, string sent) =>
        alias.Str("AliasArn") is { } arn && LambdaFunctionArnName(arn) is { } name ? name : sent;

    private static string? LambdaFunctionArnName(string arn)
    {
        var parts = arn.Split(':');
        return parts.Length >= 7 && parts[5] == "function" ? parts[6] : null;
    }

    /// <summary>A name, partial ARN or full ARN is one path label; its ':' characters are percent-encoded.</summary>
    private static string FunctionPath(string functionName) => RestPath.Of(ApiVersionPrefix, "functions", functionName);

    private static IReadOnlyDictionary<string, string> QualifierQuery(string? qualifier) =>
        qualifier is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Qualifier"] = qualifier };

    private static GwOperation<T> Build<T>(string name, HttpMethod method, string path, Func<JsonElement, GwConnection, T> read, JsonObject? body = null,
        IReadOnlyDictionary<string, string>? query = null, IReadOnlyList<GwStepReference>? references = null) =>
        new(ServiceNames.Lambda, name, method, path, read, body is null ? null : Json.Write(body), query, references);
}
