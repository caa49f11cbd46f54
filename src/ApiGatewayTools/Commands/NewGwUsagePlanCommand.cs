namespace ApiGatewayTools.Commands;

/// <summary>
/// Creates a usage plan of every stage named by -ApiStage or piped in (Get-GwStage ... | New-GwUsagePlan -Name Gold):
/// the plan is made once, after the last piped stage. A plan of the same name is brought to these settings instead.
/// </summary>
[Cmdlet(VerbsCommon.New, "GwUsagePlan", SupportsShouldProcess = true)]
[OutputType(typeof(UsagePlan))]
public sealed class NewGwUsagePlanCommand : GwUsagePlanCmdlet
{
    private readonly List<UsagePlanApiStage> _piped = [];

    /// <summary>The plan's name; a re-run finds the plan again by it.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>A piped stage's API (Get-GwStage, Publish-GwDeployment output).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? RestApiId { get; set; }

    /// <summary>A piped stage's name.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? StageName { get; set; }

    protected override object? TargetOfError => Name;

    protected override void ProcessItem()
    {
        if (RestApiId is null && StageName is null)
        {
            return;
        }
        if (RestApiId is null || StageName is null)
        {
            throw new GwValidationException(UsagePlanSettings.InvalidApiStageErrorId, RestApiId is null ? "RestApiId" : "StageName",
                "A stage for the plan needs both -RestApiId and -StageName (pipe stages from Get-GwStage, or use -ApiStage).");
        }
        _piped.Add(new UsagePlanApiStage { RestApiId = RestApiId, StageName = StageName });
    }

    protected override void EndItems()
    {
        var settings = Asked(Name, _piped).Validate();
        var client = Gateway(ResolveConnection());
        var existing = Await(ct => client.ListAsync(ApiGatewayOperations.GetUsagePlans(), ct).ToListAsync(ct))
            .FirstOrDefault(plan => string.Equals(plan.Name, Name, StringComparison.Ordinal));
        EnsureDeployed(client, settings, existing);
        if (existing is null)
        {
            var plan = new GwPlan<UsagePlan>();
            plan.Returns(plan.Add(ApiGatewayOperations.CreateUsagePlan(settings)));
            Apply(client, plan, $"usage plan {Name}", () => new UsagePlan
            {
                Connection = client.Connection,
                UsagePlanId = PlannedId.For("UsagePlan", Name),
                Name = Name,
                Description = Description,
                ThrottleRateLimit = ThrottleRateLimit,
                ThrottleBurstLimit = ThrottleBurstLimit,
                QuotaLimit = QuotaLimit,
                QuotaPeriod = QuotaPeriod,
                ApiStages = settings.ApiStages ?? [],
            });
            return;
        }
        Apply(client, PatchPlan.Updates(UsagePlanPatch.Patch(existing, settings),
            patch => ApiGatewayOperations.UpdateUsagePlan(existing.UsagePlanId, patch), existing), $"usage plan {existing}");
    }
}
