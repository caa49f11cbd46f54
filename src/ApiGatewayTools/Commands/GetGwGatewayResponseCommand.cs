namespace ApiGatewayTools.Commands;

/// <summary>What the API answers for each gateway response type: its customisation, or API Gateway's default (Source says which).</summary>
[Cmdlet(VerbsCommon.Get, "GwGatewayResponse")]
[OutputType(typeof(GatewayResponse))]
public sealed class GetGwGatewayResponseCommand : GwRestApiCmdlet
{
    /// <summary>Type to show; wildcards allowed (e.g. DEFAULT_*). Every type when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(GatewayResponseTypeCompleter))]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? ResponseType { get; set; }

    protected override object? TargetOfError => ResponseType ?? RestApiId;

    protected override void ProcessItem()
    {
        if (ResponseType is not null && !WildcardPattern.ContainsWildcardCharacters(ResponseType))
        {
            // An exact type is checked before anything is sent, so a typo lists the valid types.
            _ = new GatewayResponseSettings(ResponseType, null, new Dictionary<string, string>(), new Dictionary<string, string>()).Validate();
        }
        WriteFound(new GwLookup<GatewayResponse>
        {
            ById = type => ApiGatewayOperations.GetGatewayResponse(RestApiId, type),
            All = GwLookup<GatewayResponse>.Pages(ApiGatewayOperations.GetGatewayResponses(RestApiId)),
            NameOf = response => response.ResponseType,
            Order = responses => responses.OrderBy(r => r.ResponseType, StringComparer.Ordinal),
        }, null, ResponseType);
    }
}
