namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Get, "GwUsagePlan", DefaultParameterSetName = ByName)]
[OutputType(typeof(UsagePlan))]
public sealed class GetGwUsagePlanCommand : GwCmdlet
{
    private const string ByName = "ByName";
    private const string ById = "ById";

    /// <summary>Name to match; wildcards allowed. Every plan of the account when omitted.</summary>
    [Parameter(Position = 0, ParameterSetName = ByName)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ById, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string UsagePlanId { get; set; } = "";

    /// <summary>Only the plans this API key is in.</summary>
    [Parameter(ParameterSetName = ByName)]
    [ValidateNotNullOrEmpty]
    public string? ApiKeyId { get; set; }

    protected override object? TargetOfError => ParameterSetName == ById ? UsagePlanId : Name;

    protected override void ProcessItem() => WriteFound(new GwLookup<UsagePlan>
    {
        ById = ApiGatewayOperations.GetUsagePlan,
        All = GwLookup<UsagePlan>.Pages(ApiGatewayOperations.GetUsagePlans(ApiKeyId)),
        NameOf = plan => plan.Name,
        Order = plans => plans.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase),
        NotFound = (name, connection) => new GwNotFoundException("UsagePlanNotFound",
            $"No usage plan named '{name}'. Create it with New-GwUsagePlan -Name '{name}' -ApiStage ..."),
    }, ParameterSetName == ById ? UsagePlanId : null, Name);
}
