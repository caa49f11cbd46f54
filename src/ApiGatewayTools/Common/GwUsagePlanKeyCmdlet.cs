namespace ApiGatewayTools.Common;

/// <summary>Base of Add- and Remove-GwUsagePlanKey: a plan and a key, both bound from piped plans and keys.</summary>
public abstract class GwUsagePlanKeyCmdlet : GwCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string UsagePlanId { get; set; } = "";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string ApiKeyId { get; set; } = "";

    protected override object? TargetOfError => ApiKeyId;

    /// <summary>The plan's key with this id, or null when the key is not in the plan.</summary>
    protected UsagePlanKey? FindPlanKey(GwClient client) =>
        Await(ct => client.ListAsync(ApiGatewayOperations.GetUsagePlanKeys(UsagePlanId), ct).ToListAsync(ct))
            .FirstOrDefault(key => key.ApiKeyId == ApiKeyId);
}
