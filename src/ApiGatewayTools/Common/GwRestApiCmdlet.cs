namespace ApiGatewayTools.Common;

/// <summary>Base of the cmdlets that work inside one REST API: -RestApiId, declared once, binds from any upstream object.</summary>
public abstract class GwRestApiCmdlet : GwCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(RestApiIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string RestApiId { get; set; } = "";

    protected override object? TargetOfError => RestApiId;

    /// <summary>The error id of a model the command names that the API does not have (an input error of the commands that build with models).</summary>
    protected const string ModelNotFoundErrorId = "ModelNotFound";

    /// <summary>
    /// Every model a -RequestModel or -ResponseModel map names exists in the API, checked before anything is sent
    /// (API Gateway would refuse the method or response with a bare "Invalid model identifier").
    /// </summary>
    protected void EnsureModelsExist(GwConnection connection, IReadOnlyDictionary<string, string>? models)
    {
        if (models is not { Count: > 0 })
        {
            return;
        }
        var names = Await(ct => Gateway(connection).ListAsync(ApiGatewayOperations.GetModels(RestApiId), ct).ToListAsync(ct)).Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        if (models.Values.FirstOrDefault(name => !names.Contains(name)) is { } missing)
        {
            throw new GwNotFoundException(ModelNotFoundErrorId,
                $"REST API {RestApiId} has no model named '{missing}'. Create it with New-GwModel -RestApiId {RestApiId} -Name {missing} -Schema ...; nothing was changed.");
        }
    }

    /// <summary>Every item of one of the API's listings; none for an API that -WhatIf only planned (nothing is read).</summary>
    protected List<T> ListInApi<T>(GwClient client, GwListing<T> listing) =>
        PlannedId.IsPlanned(RestApiId) ? [] : Await(ct => client.ListAsync(listing, ct).ToListAsync(ct));
}
