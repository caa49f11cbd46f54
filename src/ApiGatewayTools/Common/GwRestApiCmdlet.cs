namespace ApiGatewayTools.Common;

/// <summary>Base of the cmdlets that work inside one REST API: -RestApiId, declared once, binds from any upstream object.</summary>
public abstract class GwRestApiCmdlet : GwCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(RestApiIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string RestApiId { get; set; } = "";

    protected override object? TargetOfError => RestApiId;

    /// <summary>Every item of one of the API's listings; none for an API that -WhatIf only planned (nothing is read).</summary>
    protected List<T> ListInApi<T>(GwClient client, GwListing<T> listing) =>
        PlannedId.IsPlanned(RestApiId) ? [] : Await(ct => client.ListAsync(listing, ct).ToListAsync(ct));
}
