namespace ApiGatewayTools.Engine.Domain;

public static class RestApiWorkflow
{
    public const string NameExistsErrorId = "RestApiNameExists";
    public const string InvalidNameErrorId = "InvalidRestApiName";
    public const string InvalidEndpointTypeErrorId = "InvalidEndpointType";
    public const string NameAmbiguousErrorId = "RestApiNameAmbiguous";
    public const string EndpointTypeDiffersErrorId = "RestApiEndpointTypeDiffers";
    public static readonly IReadOnlyList<string> EndpointTypes = ["REGIONAL", "EDGE", "PRIVATE"];

    public static CreateRestApiRequest Validate(CreateRestApiRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            throw new GwValidationException(InvalidNameErrorId, "Name", "A REST API needs a name.");
        }

        var type = request.EndpointType.ToUpperInvariant();
        if (!EndpointTypes.Contains(type))
        {
            throw new GwValidationException(InvalidEndpointTypeErrorId, "EndpointType", $"'{request.EndpointType}' is not an endpoint type; use REGIONAL, EDGE or PRIVATE.");
        }

        TagRules.Validate(request.Tags);
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
        {
            if (string.Equals(api.Name, name, StringComparison.Ordinal))
            {
                found.Add(api);
            }
        }

        return found;
    }

    public const string NotFoundByNameErrorId = "RestApiNotFound";

    /// <summary>The one API with exactly this name; none or several is an error naming what exists.</summary>
    public static async Task<RestApi> FindOneByNameAsync(ApiGatewayClient client, string name, CancellationToken ct)
    {
        var found = await FindByNameAsync(client, name, ct).ConfigureAwait(false);
        return found.Count switch
        {
            1 => found[0],
            0 => throw new GwNotFoundException(NotFoundByNameErrorId,
                $"No REST API is named '{name}' in {client.Connection} (names are matched exactly). List them with Get-GwRestApi."),
            _ => throw new GwConflictException(NameAmbiguousErrorId,
                $"{found.Count} REST APIs are named '{name}' ({string.Join(", ", found.Select(a => a.RestApiId))}), so -Name cannot tell which one is meant. " +
                $"Address one by its id (-RestApiId {found[0].RestApiId}), or pipe in the ones you mean from Get-GwRestApi -Name '{name}'."),
        };
    }

    public static async Task EnsureNameIsFreeAsync(ApiGatewayClient client, string name, CancellationToken ct)
    {
        var existing = await FindByNameAsync(client, name, ct).ConfigureAwait(false);
        if (existing.Count > 0)
        {
            throw new GwConflictException(NameExistsErrorId,
                $"A REST API named '{name}' already exists (id {string.Join(", ", existing.Select(a => a.RestApiId))}). " +
                $"Pass -UseExisting to get it (a script then converges when run again), or -AllowDuplicateName to create another.");
        }
    }

    /// <summary>
    /// Get-or-create by name, so that a script that starts with it converges when run again: creates the API when
    /// no API has the name; otherwise returns the one that has it, updating its description when the caller states
    /// another. The endpoint type cannot be changed this way, and several APIs with the name are ambiguous: both
    /// are errors that name the APIs, before anything is sent.
    /// </summary>
    /// <param name="compareEndpointType">Whether the caller chose the endpoint type (rather than taking the default).</param>
    public static GwPlan<RestApi> PlanCreateOrUse(IReadOnlyList<RestApi> sameName, CreateRestApiRequest request, bool compareEndpointType)
    {
        var plan = new GwPlan<RestApi>();
        if (sameName.Count == 0)
        {
            plan.Returns(plan.Add(ApiGatewayOperations.CreateRestApi(request)));
            return plan;
        }
        if (sameName.Count > 1)
        {
            throw new GwConflictException(NameAmbiguousErrorId,
                $"{sameName.Count} REST APIs are named '{request.Name}' ({string.Join(", ", sameName.Select(a => a.RestApiId))}); -UseExisting cannot tell which one to use. " +
                $"Remove the extra ones (Remove-GwRestApi -RestApiId <id>) or address one by -RestApiId.");
        }

        var existing = sameName[0];
        if (compareEndpointType && !string.Equals(existing.EndpointType, request.EndpointType, StringComparison.Ordinal))
        {
            throw new GwConflictException(EndpointTypeDiffersErrorId,
                $"REST API '{request.Name}' ({existing.RestApiId}) exists with endpoint type {existing.EndpointType}, not {request.EndpointType}; nothing was changed. " +
                "Omit -EndpointType to use it as it is, or remove it and create it again.");
        }

        if (request.Description is not null && !string.Equals(existing.Description, request.Description, StringComparison.Ordinal))
        {
            plan.Returns(plan.Add(ApiGatewayOperations.UpdateRestApi(existing.RestApiId, [new("replace", "/description", request.Description)])));
        }
        else
        {
            plan.Returns(existing);
        }

        return plan;
    }
}
