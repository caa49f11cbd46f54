namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Add, "GwUsagePlanKey", SupportsShouldProcess = true)]
[OutputType(typeof(UsagePlanKey))]
public sealed class AddGwUsagePlanKeyCommand : GwUsagePlanKeyCmdlet
{
    /// <summary>A key already in the plan is answered as it is, so a re-run converges.</summary>
    protected override void ProcessItem()
    {
        var client = Gateway(ResolveConnection());
        if (!PlannedId.IsPlanned(UsagePlanId) && FindPlanKey(client) is { } existing)
        {
            WriteVerbose($"API key {ApiKeyId} is already in usage plan {UsagePlanId}; returning it.");
            WriteObject(existing);
            return;
        }
        var create = ApiGatewayOperations.CreateUsagePlanKey(UsagePlanId, ApiKeyId);
        if (ShouldProcess($"API key {ApiKeyId} in usage plan {UsagePlanId}", create.ToString(),
            () => new UsagePlanKey { Connection = client.Connection, UsagePlanId = UsagePlanId, ApiKeyId = ApiKeyId }))
        {
            WriteObject(Await(ct => client.SendAsync(create, ct)));
        }
    }
}
