namespace ApiGatewayTools.Engine.Domain;

public static class RestApiWorkflow
{
    public const string NameExistsErrorId = "RestApiNameExists";
    public const string InvalidNameErrorId = "InvalidRestApiName";
    public const string InvalidEndpointTypeErrorId = "InvalidEndpointType";
    public static readonly IReadOnlyList<string> EndpointTypes = ["REGIONAL", "EDGE", "PRIVATE"];

    public static CreateRestApiRequest Validate(CreateRestApiRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Name))
            throw new GwValidationException(InvalidNameErrorId, "Name", "A REST API needs a name.");
        var type = request.EndpointType.ToUpperInvariant();
        if (!EndpointTypes.Contains(type))
            throw new GwValidationException(InvalidEndpointTypeErrorId, "EndpointType", $"'{request.EndpointType}' is not an endpoint type; use REGIONAL, EDGE or PRIVATE.");
        return request with { EndpointType = type };
    }

    /// <summary>
    /// APIs whose name matches exactly. AWS allows duplicate names, so re-run runbooks pile up copies; the
    /// module refuses a second one unless asked.
    /// </summary>
    public static async Task<IReadOnlyList<RestApi>> FindByNameAsync(ApiGatewayClient client, string name, CancellationToken ct)
    {
        var found = new List<RestApi>();
        await foreach (var api in client.GetRestApisAsync(ct).ConfigureAwait(false))
            if (string.Equals(api.Name, name, StringComparison.Ordinal))
                found.Add(api);
        return found;
    }

    public static async Task EnsureNameIsFreeAsync(ApiGatewayClient client, string name, CancellationToken ct)
    {
        var existing = await FindByNameAsync(client, name, ct).ConfigureAwait(false);
        if (existing.Count > 0)
            throw new GwConflictException(NameExistsErrorId,
                $"A REST API named '{name}' already exists (id {string.Join(", ", existing.Select(a => a.RestApiId))}). " +
                $"Use it with Get-GwRestApi -Name '{name}', or pass -AllowDuplicateName to create another.");
    }
}
