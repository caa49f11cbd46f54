using ApiGatewayTools.LocalGateway.ControlPlane;
using ApiGatewayTools.LocalGateway.Http;

namespace ApiGatewayTools.LocalGateway.State;

/// <summary>
/// A REST API: its own settings, and the stores of everything defined under it. A copy made with
/// `with` owns copies of the settings and carries the same stores: the objects under an API belong to
/// the API, not to one version of its settings. Guarded by <see cref="GatewayState.Sync"/>.
/// </summary>
internal sealed record RestApiRecord
{
    public RestApiRecord()
    {
    }

    private RestApiRecord(RestApiRecord original)
    {
        Id = original.Id;
        Name = original.Name;
        Description = original.Description;
        Version = original.Version;
        CreatedDate = original.CreatedDate;
        BinaryMediaTypes = [.. original.BinaryMediaTypes];
        MinimumCompressionSize = original.MinimumCompressionSize;
        ApiKeySource = original.ApiKeySource;
        EndpointTypes = [.. original.EndpointTypes];
        Policy = original.Policy;
        DisableExecuteApiEndpoint = original.DisableExecuteApiEndpoint;
        Tags = new(original.Tags, StringComparer.Ordinal);
        RootResourceId = original.RootResourceId;
        Resources = original.Resources;
        Deployments = original.Deployments;
        Stages = original.Stages;
        RequestValidators = original.RequestValidators;
        Authorizers = original.Authorizers;
        Models = original.Models;
        GatewayResponses = original.GatewayResponses;
        DocumentationParts = original.DocumentationParts;
        DocumentationVersions = original.DocumentationVersions;
    }

    public required string Id { get; init; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public string? Version { get; set; }
    public required DateTimeOffset CreatedDate { get; init; }
    public List<string> BinaryMediaTypes { get; set; } = [];
    public int? MinimumCompressionSize { get; set; }
    public string ApiKeySource { get; set; } = "HEADER";
    public List<string> EndpointTypes { get; set; } = ["EDGE"];
    public string? Policy { get; set; }
    public bool DisableExecuteApiEndpoint { get; set; }
    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);
    public required string RootResourceId { get; init; }

    public Store<ResourceRecord> Resources { get; } =
        new(resource => resource.Id, _ => GatewayError.NotFound("Invalid Resource identifier specified"));

    public Store<DeploymentRecord> Deployments { get; } =
        new(deployment => deployment.Id, _ => GatewayError.NotFound("Invalid Deployment identifier specified"));

    public Store<StageRecord> Stages { get; } =
        new(stage => stage.StageName, _ => GatewayError.NotFound("Invalid Stage identifier specified"));

    public Store<RequestValidatorRecord> RequestValidators { get; } =
        new(validator => validator.Id, _ => GatewayError.NotFound("Invalid Request Validator identifier specified"));

    public Store<AuthorizerRecord> Authorizers { get; } =
        new(authorizer => authorizer.Id, _ => GatewayError.NotFound("Invalid Authorizer identifier specified"));

    /// <summary>Keyed by name: paths and methods address a model by its name.</summary>
    public Store<ModelRecord> Models { get; } =
        new(model => model.Name, name => GatewayError.NotFound($"Invalid model name specified: {name}"));
    /// <summary>The gateway response types the API customised, by type; every other type answers API Gateway's default.</summary>
    public Store<GatewayResponseRecord> GatewayResponses { get; } =
        new(response => response.ResponseType, _ => GatewayError.NotFound("Invalid Gateway Response identifier specified"));

    public Store<DocumentationPartRecord> DocumentationParts { get; } =
        new(part => part.Id, _ => GatewayError.NotFound("Invalid Documentation part identifier specified"));

    public Store<DocumentationVersionRecord> DocumentationVersions { get; } =
        new(version => version.Version, _ => GatewayError.NotFound("Invalid Documentation version specified"));
}
