namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Get, "GwRestApi", DefaultParameterSetName = ByName)]
[OutputType(typeof(RestApi))]
public sealed class GetGwRestApiCommand : GwCmdlet
{
    private const string ByName = "ByName";
    private const string ById = "ById";

    /// <summary>Name to match; wildcards allowed. All APIs when omitted.</summary>
    [Parameter(Position = 0, ParameterSetName = ByName)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ById, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(RestApiIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string RestApiId { get; set; } = "";

    protected override object? TargetOfError => ParameterSetName == ById ? RestApiId : Name;

    protected override void ProcessItem() => WriteFound(new GwLookup<RestApi>
    {
        ById = ApiGatewayOperations.GetRestApi,
        All = GwLookup<RestApi>.Pages(ApiGatewayOperations.GetRestApis()),
        NameOf = api => api.Name,
        Order = apis => apis.OrderBy(api => api.Name, StringComparer.OrdinalIgnoreCase),
        NotFound = (name, connection) => new GwNotFoundException(RestApiWorkflow.NotFoundByNameErrorId,
            $"No REST API named '{name}' in {connection}. Create it with New-GwRestApi -Name '{name}'."),
    }, ParameterSetName == ById ? RestApiId : null, Name);
}
