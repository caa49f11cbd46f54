namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Set, "GwApiKey", SupportsShouldProcess = true)]
[OutputType(typeof(ApiKey))]
public sealed class SetGwApiKeyCommand : GwCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string ApiKeyId { get; set; } = "";

    /// <summary>The key's new name. Not bound from the pipeline, where the key's own name arrives.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>The new description; '' clears it.</summary>
    [Parameter]
    public string? Description { get; set; }

    /// <summary>The new customer id; '' clears it.</summary>
    [Parameter]
    public string? CustomerId { get; set; }

    /// <summary>$false refuses every request made with the key; $true accepts them again.</summary>
    [Parameter]
    public bool? Enabled { get; set; }

    protected override object? TargetOfError => ApiKeyId;

    protected override void ProcessItem()
    {
        var changes = new ApiKeyChanges { Name = Name, Description = Description, CustomerId = CustomerId, Enabled = Enabled };
        var client = Gateway(ResolveConnection());
        var current = Await(ct => client.SendAsync(ApiGatewayOperations.GetApiKey(ApiKeyId), ct));
        var plan = PatchPlan.Updates(changes.Patch(current), patch => ApiGatewayOperations.UpdateApiKey(ApiKeyId, patch), current);
        if (ApplyPlan(client, plan, $"API key {current}", out var key))
        {
            WriteObject(key);
        }
    }
}
