namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Get, "GwRequestValidator", DefaultParameterSetName = ByName)]
[OutputType(typeof(RequestValidator))]
public sealed class GetGwRequestValidatorCommand : GwRestApiCmdlet
{
    private const string ByName = "ByName";
    private const string ById = "ById";

    /// <summary>Name to match; wildcards allowed. Every validator of the API when omitted.</summary>
    [Parameter(Position = 0, ParameterSetName = ByName)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ById, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string RequestValidatorId { get; set; } = "";

    protected override object? TargetOfError => ParameterSetName == ById ? RequestValidatorId : Name ?? RestApiId;

    protected override void ProcessItem() => WriteFound(new GwLookup<RequestValidator>
    {
        ById = id => ApiGatewayOperations.GetRequestValidator(RestApiId, id),
        All = GwLookup<RequestValidator>.Pages(ApiGatewayOperations.GetRequestValidators(RestApiId)),
        NameOf = validator => validator.Name,
        Order = validators => validators.OrderBy(v => v.Name, StringComparer.OrdinalIgnoreCase),
        NotFound = (name, connection) => new GwNotFoundException("RequestValidatorNotFound",
            $"No request validator named '{name}' in REST API {RestApiId}. Create it with New-GwRequestValidator -RestApiId {RestApiId} -Name '{name}'."),
    }, ParameterSetName == ById ? RequestValidatorId : null, Name);
}
