namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Set, "GwUsagePlan", SupportsShouldProcess = true)]
[OutputType(typeof(UsagePlan))]
public sealed class SetGwUsagePlanCommand : GwUsagePlanCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string UsagePlanId { get; set; } = "";

    /// <summary>The plan's new name. Not bound from the pipeline, where the plan's own name arrives.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    protected override object? TargetOfError => UsagePlanId;

    /// <summary>The plan is read, changed as asked and checked whole; -ApiStage, when given, is the plan's whole new set of stages.</summary>
    protected override void ProcessItem()
    {
        var client = Gateway(ResolveConnection());
        var current = Await(ct => client.SendAsync(ApiGatewayOperations.GetUsagePlan(UsagePlanId), ct));
        var wanted = Asked(Name, []).Over(current);
        EnsureDeployed(client, wanted, current);
        Apply(client, PatchPlan.Updates(UsagePlanPatch.Patch(current, wanted),
            patch => ApiGatewayOperations.UpdateUsagePlan(UsagePlanId, patch), current), $"usage plan {current}");
    }
}
