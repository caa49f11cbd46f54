using ApiGatewayTools.LocalGateway.ControlPlane;
using ApiGatewayTools.LocalGateway.DataPlane.Policies;

namespace ApiGatewayTools.LocalGateway.State;

/// <summary>A deployment; its snapshot never changes, so copies share it.</summary>
internal sealed record DeploymentRecord
{
    public required string Id { get; init; }
    public string? Description { get; set; }
    public required DateTimeOffset CreatedDate { get; init; }
    /// <summary>The API as it was when deployed: what the stage's invoke URL serves.</summary>
    public required DeploymentSnapshot Snapshot { get; init; }
}

/// <summary>
/// A deep copy of an API's resource tree taken at deployment time. Never mutated after creation,
/// so the data plane may read it without taking the state lock.
/// </summary>
internal sealed class DeploymentSnapshot
{
    public DeploymentSnapshot(RestApiRecord api)
    {
        RestApiId = api.Id;
        RootResourceId = api.RootResourceId;
        BinaryMediaTypes = [.. api.BinaryMediaTypes];
        Resources = api.Resources.Values.Select(resource => resource with { }).ToDictionary(resource => resource.Id, StringComparer.Ordinal);
        Authorizers = api.Authorizers.Values.Select(authorizer => authorizer with { }).ToDictionary(authorizer => authorizer.Id, StringComparer.Ordinal);
        Paths = Resources.Values.ToDictionary(resource => resource.Id, resource => ResourceTree.PathOf(Resources, resource), StringComparer.Ordinal);
        ResourcePolicy = StoredPolicy.Load(api.Policy);
        PolicyDocument = api.Policy;
        ApiKeySource = api.ApiKeySource;
        MinimumCompressionSize = api.MinimumCompressionSize;
        RequestValidators = api.RequestValidators.Values.Select(validator => validator with { }).ToDictionary(validator => validator.Id, StringComparer.Ordinal);
        Models = api.Models.Values.Select(model => model with { }).ToDictionary(model => model.Name, StringComparer.Ordinal);
        GatewayResponses = api.GatewayResponses.Values.Select(response => response with { }).ToDictionary(response => response.ResponseType, StringComparer.Ordinal);
    }

    public string RestApiId { get; }
    public string RootResourceId { get; }
    /// <summary>Which content types the deployed API treats as binary.</summary>
    public IReadOnlyList<string> BinaryMediaTypes { get; }
    public IReadOnlyDictionary<string, ResourceRecord> Resources { get; }
    /// <summary>The API's authorizers as deployed: a changed authorizer reaches callers with the next deployment, as in AWS.</summary>
    public IReadOnlyDictionary<string, AuthorizerRecord> Authorizers { get; }
    /// <summary>Resource id to its full path, e.g. "/pets/{petId}".</summary>
    public IReadOnlyDictionary<string, string> Paths { get; }
    /// <summary>The API's resource policy as deployed (a changed policy reaches callers with the next deployment, as in AWS); null without one.</summary>
    public IamPolicy? ResourcePolicy { get; }
    /// <summary>The resource policy as the API stored it, for GetExport; null without one.</summary>
    public string? PolicyDocument { get; }
    public string ApiKeySource { get; }
    public int? MinimumCompressionSize { get; }
    /// <summary>The request validators as deployed, which methods name by id.</summary>
    public IReadOnlyDictionary<string, RequestValidatorRecord> RequestValidators { get; }
    /// <summary>The API's models as deployed, by name: request bodies are validated against these.</summary>
    public IReadOnlyDictionary<string, ModelRecord> Models { get; }
    /// <summary>The gateway responses the API had customised, by type (a change reaches callers with the next deployment, as in AWS); empty when none.</summary>
    public IReadOnlyDictionary<string, GatewayResponseRecord> GatewayResponses { get; }
}
