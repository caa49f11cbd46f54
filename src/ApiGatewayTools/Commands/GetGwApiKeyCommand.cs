namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Get, "GwApiKey", DefaultParameterSetName = ByName)]
[OutputType(typeof(ApiKey))]
public sealed class GetGwApiKeyCommand : GwCmdlet
{
    private const string ByName = "ByName";
    private const string ById = "ById";

    /// <summary>Name to match; wildcards allowed. Every key of the account when omitted.</summary>
    [Parameter(Position = 0, ParameterSetName = ByName)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ById, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string ApiKeyId { get; set; } = "";

    /// <summary>Only the keys of this customer id.</summary>
    [Parameter(ParameterSetName = ByName)]
    [ValidateNotNullOrEmpty]
    public string? CustomerId { get; set; }

    /// <summary>Reads each key's value into its Value property (left out otherwise).</summary>
    [Parameter]
    public SwitchParameter IncludeValue { get; set; }

    protected override object? TargetOfError => ParameterSetName == ById ? ApiKeyId : Name;

    protected override void ProcessItem() => WriteFound(new GwLookup<ApiKey>
    {
        ById = id => ApiGatewayOperations.GetApiKey(id, IncludeValue),
        All = GwLookup<ApiKey>.Pages(ApiGatewayOperations.GetApiKeys(customerId: CustomerId, includeValues: IncludeValue)),
        NameOf = key => key.Name,
        Order = keys => keys.OrderBy(k => k.Name, StringComparer.OrdinalIgnoreCase),
        NotFound = (name, connection) => new GwNotFoundException("ApiKeyNotFound",
            $"No API key named '{name}'. Create it with New-GwApiKey -Name '{name}'."),
    }, ParameterSetName == ById ? ApiKeyId : null, Name);
}
