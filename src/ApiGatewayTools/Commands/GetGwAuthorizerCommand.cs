namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Get, "GwAuthorizer", DefaultParameterSetName = ByName)]
[OutputType(typeof(Authorizer))]
public sealed class GetGwAuthorizerCommand : GwRestApiCmdlet
{
    private const string ByName = "ByName";
    private const string ById = "ById";

    /// <summary>Name to match; wildcards allowed. Every authorizer of the API when omitted.</summary>
    [Parameter(Position = 0, ParameterSetName = ByName)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ById, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string AuthorizerId { get; set; } = "";

    protected override object? TargetOfError => ParameterSetName == ById ? AuthorizerId : Name ?? RestApiId;

    protected override void ProcessItem() => WriteFound(new GwLookup<Authorizer>
    {
        ById = id => ApiGatewayOperations.GetAuthorizer(RestApiId, id),
        All = GwLookup<Authorizer>.Pages(ApiGatewayOperations.GetAuthorizers(RestApiId)),
        NameOf = authorizer => authorizer.Name,
        Order = authorizers => authorizers.OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase),
        NotFound = (name, connection) => new GwNotFoundException("AuthorizerNotFound",
            $"No authorizer named '{name}' in REST API {RestApiId}. Create it with New-GwAuthorizer -RestApiId {RestApiId} -Name '{name}'."),
    }, ParameterSetName == ById ? AuthorizerId : null, Name);
}
