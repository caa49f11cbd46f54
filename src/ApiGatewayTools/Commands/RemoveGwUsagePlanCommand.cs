namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Remove, "GwUsagePlan", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveGwUsagePlanCommand : GwCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string UsagePlanId { get; set; } = "";

    protected override object? TargetOfError => UsagePlanId;

    /// <summary>The plan is read first, so the prompt names it and an unknown id fails before any prompt.</summary>
    protected override void ProcessItem()
    {
        var connection = ResolveConnection();
        var plan = Await(ct => Gateway(connection).SendAsync(ApiGatewayOperations.GetUsagePlan(UsagePlanId), ct));
        RemoveConfirmed(connection, $"usage plan {plan} (its keys lose access to its stages)", ApiGatewayOperations.DeleteUsagePlan(UsagePlanId));
    }
}
