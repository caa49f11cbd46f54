namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Get, "GwDocumentationVersion")]
[OutputType(typeof(DocumentationVersion))]
public sealed class GetGwDocumentationVersionCommand : GwRestApiCmdlet
{
    /// <summary>The version's name; wildcards allowed. Every version of the API when omitted.</summary>
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? Version { get; set; }

    protected override object? TargetOfError => Version ?? RestApiId;

    protected override void ProcessItem() => WriteFound(new GwLookup<DocumentationVersion>
    {
        ById = version => ApiGatewayOperations.GetDocumentationVersion(RestApiId, version),
        All = GwLookup<DocumentationVersion>.Pages(ApiGatewayOperations.GetDocumentationVersions(RestApiId)),
        NameOf = version => version.Version,
        Order = versions => versions.OrderBy(v => v.CreatedDate),
        NotFound = (version, _) => new GwNotFoundException("DocumentationVersionNotFound",
            $"REST API {RestApiId} has no documentation version '{version}'. Create it with New-GwDocumentationVersion -RestApiId {RestApiId} -Version '{version}'."),
    }, null, Version);
}
