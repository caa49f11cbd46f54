namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Remove, "GwUsagePlanKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveGwUsagePlanKeyCommand : GwUsagePlanKeyCmdlet
{
    /// <summary>The plan's key is read first, so the prompt names it and a key not in the plan fails before any prompt.</summary>
    protected override void ProcessItem()
    {
        var connection = ResolveConnection();
        var key = FindPlanKey(Gateway(connection)) ?? throw new GwNotFoundException("UsagePlanKeyNotFound",
            $"API key {ApiKeyId} is not in usage plan {UsagePlanId} (Get-GwUsagePlan -ApiKeyId {ApiKeyId} lists the plans it is in).");
        RemoveConfirmed(connection, $"API key {key.Name} ({ApiKeyId}) from usage plan {UsagePlanId}",
            ApiGatewayOperations.DeleteUsagePlanKey(UsagePlanId, ApiKeyId));
    }
}
