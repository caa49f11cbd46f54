namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.New, "GwApiKey", SupportsShouldProcess = true)]
[OutputType(typeof(ApiKey))]
public sealed class NewGwApiKeyCommand : GwCmdlet
{
    /// <summary>The key's name; a re-run finds the key again by it.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    [Parameter]
    public string? Description { get; set; }

    /// <summary>An AWS Marketplace customer id, or any id of your own for the key's owner.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CustomerId { get; set; }

    /// <summary>The key's value (at least 20 characters); API Gateway generates one when omitted. Never printed.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Value { get; set; }

    /// <summary>Creates the key disabled: requests with it are refused until Set-GwApiKey -Enabled $true.</summary>
    [Parameter]
    public SwitchParameter Disabled { get; set; }

    /// <summary>Puts the key's value in the output object (it is left out otherwise).</summary>
    [Parameter]
    public SwitchParameter IncludeValue { get; set; }

    protected override object? TargetOfError => Name;

    protected override void ProcessItem()
    {
        var settings = new ApiKeySettings { Name = Name, Description = Description, CustomerId = CustomerId, Enabled = !Disabled, Value = Value }.Validate();
        var connection = ResolveConnection();
        var client = Gateway(connection);
        var existing = Await(ct => client.ListAsync(ApiGatewayOperations.GetApiKeys(Name, includeValues: IncludeValue), ct).ToListAsync(ct))
            .FirstOrDefault(key => string.Equals(key.Name, Name, StringComparison.Ordinal));
        if (existing is not null)
        {
            WriteVerbose($"API key {existing} already exists; returning it (Set-GwApiKey changes it).");
            WriteObject(existing);
            return;
        }
        var create = ApiGatewayOperations.CreateApiKey(settings, IncludeValue);
        if (ShouldProcess($"API key {Name}", create.ToString(), () => new ApiKey
        {
            Connection = connection,
            ApiKeyId = PlannedId.For("ApiKey", Name),
            Name = Name,
            Description = Description,
            CustomerId = CustomerId,
            Enabled = !Disabled,
        }))
        {
            WriteObject(Await(ct => client.SendAsync(create, ct)));
        }
    }
}
