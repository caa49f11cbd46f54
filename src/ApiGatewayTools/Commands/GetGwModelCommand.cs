namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Get, "GwModel")]
[OutputType(typeof(RestApiModel))]
public sealed class GetGwModelCommand : GwRestApiCmdlet
{
    /// <summary>Name to match; wildcards allowed. Every model of the API (Empty and Error included) when omitted.</summary>
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    protected override object? TargetOfError => Name ?? RestApiId;

    protected override void ProcessItem() => WriteFound(new GwLookup<RestApiModel>
    {
        ById = name => ApiGatewayOperations.GetModel(RestApiId, name),
        All = GwLookup<RestApiModel>.Pages(ApiGatewayOperations.GetModels(RestApiId)),
        NameOf = model => model.Name,
        Order = models => models.OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase),
        NotFound = (name, connection) => new GwNotFoundException(ModelNotFoundErrorId,
            $"No model named '{name}' in REST API {RestApiId}. Create it with New-GwModel -RestApiId {RestApiId} -Name '{name}' -Schema ..."),
    }, null, Name);
}
