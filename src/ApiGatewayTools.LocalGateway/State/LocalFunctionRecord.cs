using System.Text.Json.Nodes;

namespace ApiGatewayTools.LocalGateway.State;

/// <summary>
/// A registered local function ($LATEST), its published versions and aliases, and its resource-based
/// policies, one per qualifier.
/// </summary>
internal sealed class LocalFunctionRecord
{
    public const string Latest = "$LATEST";

    public required LocalFunctionDefinition Definition { get; init; }
    public required DateTimeOffset LastModified { get; init; }
    public string RevisionId { get; set; } = Guid.NewGuid().ToString();

    /// <summary>Policy statements keyed by qualifier ("" for the unqualified function), in the order added.</summary>
    public Dictionary<string, List<JsonObject>> PolicyStatements { get; private init; } = new(StringComparer.Ordinal);

    /// <summary>Published versions, oldest first; version n is at index n - 1 (Lambda never reuses a number).</summary>
    public List<LocalFunctionVersion> Versions { get; private init; } = [];

    public Dictionary<string, LocalFunctionAlias> Aliases { get; private init; } = new(StringComparer.Ordinal);

    public string Name => Definition.FunctionName;
    public string Arn => FunctionArn(Name);

    /// <summary>$LATEST, as a qualified lookup resolves it.</summary>
    public ResolvedFunction LatestVersion => new(this, Latest, Definition, LastModified, RevisionId);

    public static string FunctionArn(string name) =>
        $"arn:aws:lambda:{LocalGatewayServer.Region}:{LocalGatewayServer.AccountId}:function:{name}";

    /// <summary>
    /// The same function with new code and configuration in $LATEST: versions, aliases and permissions stay,
    /// as updating a function's code leaves them.
    /// </summary>
    public LocalFunctionRecord WithLatest(LocalFunctionDefinition definition) => new()
    {
        Definition = definition,
        LastModified = DateTimeOffset.UtcNow,
        PolicyStatements = PolicyStatements,
        Versions = Versions,
        Aliases = Aliases,
    };

    public LocalFunctionInfo ToInfo() => new(Name, Arn, Definition.Runtime, Definition.Description, LastModified);
}

/// <summary>
/// A published version: the code and configuration of $LATEST frozen when it was published.
/// <paramref name="PublishedFrom"/> is the $LATEST definition it came from, so publishing again with
/// nothing changed answers this version instead of a new one, as Lambda does.
/// </summary>
internal sealed record LocalFunctionVersion(string Version, LocalFunctionDefinition Definition, DateTimeOffset LastModified, string RevisionId,
    LocalFunctionDefinition PublishedFrom);

/// <summary>An alias: a name that points at one version.</summary>
internal sealed record LocalFunctionAlias(string Name, string FunctionVersion, string Description, string RevisionId);

/// <summary>What a qualifier (none, $LATEST, a version number or an alias) resolves to.</summary>
internal sealed record ResolvedFunction(LocalFunctionRecord Function, string Version, LocalFunctionDefinition Definition, DateTimeOffset LastModified,
    string RevisionId);
