using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ApiGatewayTools.LocalGateway.ControlPlane;

namespace ApiGatewayTools.LocalGateway.State;

/// <summary>
/// The gateway's state as a file: every REST API with what is defined under it, the account's API keys and usage
/// plans, and the Lambda permissions of local functions. A local function's code (a script block or a worker
/// process) cannot be written down, so functions are not kept; their permissions are, and come back when a function
/// of that name is registered. Nor are the requests counted against usage plans: they start again from zero.
/// </summary>
/// <remarks>
/// The file names its format and version; anything else (another program's JSON, a newer version, a file cut
/// short) is refused with an error naming the file, never read as an empty state and later overwritten.
/// A new kind of object kept in a store of the account is added to <see cref="PersistedState"/>; one kept under an
/// API, to <see cref="PersistedRestApi"/>, and when a deployment freezes it, to the snapshot's <c>FrozenApi</c> as
/// well. Such an addition is an optional list and keeps the version: a file written before the kind existed loads
/// with none of it, as that gateway had none.
/// </remarks>
internal static class StateFile
{
    public const string Format = "ApiGatewayTools.LocalGateway.State";
    public const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions Options = CreateOptions();

    /// <summary>The state as bytes; call under the state lock, so the file is one consistent moment.</summary>
    public static byte[] Serialize(GatewayState state)
    {
        var document = new PersistedState
        {
            Format = Format,
            Version = CurrentVersion,
            SavedAt = DateTimeOffset.UtcNow,
            RestApis = state.RestApis.Values.Select(api => new PersistedRestApi
            {
                Api = api,
                Resources = [.. api.Resources.Values],
                Deployments = [.. api.Deployments.Values],
                Stages = [.. api.Stages.Values],
                RequestValidators = [.. api.RequestValidators.Values],
                Authorizers = [.. api.Authorizers.Values],
                Models = [.. api.Models.Values],
                GatewayResponses = [.. api.GatewayResponses.Values],
                DocumentationParts = [.. api.DocumentationParts.Values],
                DocumentationVersions = [.. api.DocumentationVersions.Values],
            }).ToList(),
            ApiKeys = [.. state.ApiKeys.Values],
            UsagePlans = [.. state.UsagePlans.Values],
            FunctionPermissions = state.FunctionPermissionsToKeep(),
        };
        return JsonSerializer.SerializeToUtf8Bytes(document, Options);
    }

    /// <summary>Loads a file written by <see cref="Serialize"/> into an empty state.</summary>
    /// <exception cref="LocalGatewayStateException">The file is not a state file this version can read; the message names it.</exception>
    public static void Load(string path, GatewayState state)
    {
        PersistedState? document;
        try
        {
            document = JsonSerializer.Deserialize<PersistedState>(File.ReadAllBytes(path), Options);
        }
        catch (JsonException e)
        {
            throw Refused(path, $"it is not complete, valid JSON (it may have been cut short or overwritten): {e.Message}", e);
        }
        if (document is null || document.Format != Format)
        {
            throw Refused(path, $"it is not a local gateway state file (its \"format\" is not \"{Format}\")");
        }
        if (document.Version != CurrentVersion)
        {
            throw Refused(path, $"it is state version {document.Version}; this module reads version {CurrentVersion}");
        }
        foreach (var persisted in document.RestApis ?? [])
        {
            if (persisted.Api is null)
            {
                throw Refused(path, "a REST API entry has no \"api\"");
            }
            var api = persisted.Api with { };
            foreach (var resource in persisted.Resources ?? [])
            {
                // The copy re-creates ordered maps with the ordinal ordering the gateway uses.
                api.Resources.Add(resource with { });
            }
            foreach (var deployment in persisted.Deployments ?? [])
            {
                api.Deployments.Add(deployment);
            }
            foreach (var stage in persisted.Stages ?? [])
            {
                api.Stages.Add(stage with { });
            }
            foreach (var validator in persisted.RequestValidators ?? [])
            {
                api.RequestValidators.Add(validator);
            }
            foreach (var authorizer in persisted.Authorizers ?? [])
            {
                api.Authorizers.Add(authorizer with { });
            }
            foreach (var model in persisted.Models ?? [])
            {
                api.Models.Add(model with { });
            }
            foreach (var response in persisted.GatewayResponses ?? [])
            {
                api.GatewayResponses.Add(response with { });
            }
            foreach (var part in persisted.DocumentationParts ?? [])
            {
                api.DocumentationParts.Add(part);
            }
            foreach (var version in persisted.DocumentationVersions ?? [])
            {
                api.DocumentationVersions.Add(version);
            }
            state.RestApis.Add(api);
        }
        foreach (var key in document.ApiKeys ?? [])
        {
            state.ApiKeys.Add(key);
        }
        foreach (var plan in document.UsagePlans ?? [])
        {
            state.UsagePlans.Add(plan);
        }
        state.KeepFunctionPermissions(document.FunctionPermissions ?? []);
    }

    private static LocalGatewayStateException Refused(string path, string problem, JsonException? cause = null) =>
        new(path, $"{problem}. It was left untouched; move it away or pass another -StatePath", cause);

    private static JsonSerializerOptions CreateOptions()
    {
        var resolver = new DefaultJsonTypeInfoResolver();
        // Only what a record stores: computed properties (and the stores, written separately) have no setter.
        resolver.Modifiers.Add(info =>
        {
            if (info.Kind != JsonTypeInfoKind.Object)
            {
                return;
            }
            for (var i = info.Properties.Count - 1; i >= 0; i--)
            {
                if (info.Properties[i].Set is null)
                {
                    info.Properties.RemoveAt(i);
                }
            }
        });
        return new JsonSerializerOptions
        {
            TypeInfoResolver = resolver,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Converters = { new SnapshotConverter() },
        };
    }

    private sealed class PersistedState
    {
        public string? Format { get; set; }
        public int Version { get; set; }
        public DateTimeOffset SavedAt { get; set; }
        public List<PersistedRestApi>? RestApis { get; set; }
        public List<ApiKeyRecord>? ApiKeys { get; set; }
        public List<UsagePlanRecord>? UsagePlans { get; set; }
        public Dictionary<string, Dictionary<string, List<JsonObject>>>? FunctionPermissions { get; set; }
    }

    private sealed class PersistedRestApi
    {
        public RestApiRecord? Api { get; set; }
        public List<ResourceRecord>? Resources { get; set; }
        public List<DeploymentRecord>? Deployments { get; set; }
        public List<StageRecord>? Stages { get; set; }
        public List<RequestValidatorRecord>? RequestValidators { get; set; }
        public List<AuthorizerRecord>? Authorizers { get; set; }
        public List<ModelRecord>? Models { get; set; }
        public List<GatewayResponseRecord>? GatewayResponses { get; set; }
        public List<DocumentationPartRecord>? DocumentationParts { get; set; }
        public List<DocumentationVersionRecord>? DocumentationVersions { get; set; }
    }

    /// <summary>
    /// A deployment's frozen copy of its API: written as what it holds, rebuilt the way a deployment builds it. Its
    /// paths and parsed resource policy are derived from the resources and the policy document, so they are not written.
    /// </summary>
    private sealed class SnapshotConverter : JsonConverter<DeploymentSnapshot>
    {
        public override DeploymentSnapshot Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var frozen = JsonSerializer.Deserialize<FrozenApi>(ref reader, options) ?? throw new JsonException("A deployment snapshot is empty.");
            var api = new RestApiRecord
            {
                Id = frozen.RestApiId ?? throw new JsonException("A deployment snapshot has no restApiId."),
                Name = "",
                CreatedDate = default,
                RootResourceId = frozen.RootResourceId ?? throw new JsonException("A deployment snapshot has no rootResourceId."),
                BinaryMediaTypes = frozen.BinaryMediaTypes ?? [],
                Policy = frozen.Policy,
                ApiKeySource = frozen.ApiKeySource ?? "HEADER",
                MinimumCompressionSize = frozen.MinimumCompressionSize,
            };
            foreach (var resource in frozen.Resources ?? [])
            {
                api.Resources.Add(resource with { });
            }
            foreach (var validator in frozen.RequestValidators ?? [])
            {
                api.RequestValidators.Add(validator);
            }
            foreach (var authorizer in frozen.Authorizers ?? [])
            {
                api.Authorizers.Add(authorizer);
            }
            foreach (var model in frozen.Models ?? [])
            {
                api.Models.Add(model);
            }
            foreach (var response in frozen.GatewayResponses ?? [])
            {
                api.GatewayResponses.Add(response with { });
            }
            return new DeploymentSnapshot(api);
        }

        public override void Write(Utf8JsonWriter writer, DeploymentSnapshot value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, new FrozenApi
            {
                RestApiId = value.RestApiId,
                RootResourceId = value.RootResourceId,
                BinaryMediaTypes = [.. value.BinaryMediaTypes],
                Resources = [.. value.Resources.Values],
                Policy = value.PolicyDocument,
                ApiKeySource = value.ApiKeySource,
                MinimumCompressionSize = value.MinimumCompressionSize,
                RequestValidators = [.. value.RequestValidators.Values],
                Authorizers = [.. value.Authorizers.Values],
                Models = [.. value.Models.Values],
                GatewayResponses = [.. value.GatewayResponses.Values],
            }, options);

        private sealed class FrozenApi
        {
            public string? RestApiId { get; set; }
            public string? RootResourceId { get; set; }
            public List<string>? BinaryMediaTypes { get; set; }
            public List<ResourceRecord>? Resources { get; set; }
            public string? Policy { get; set; }
            public string? ApiKeySource { get; set; }
            public int? MinimumCompressionSize { get; set; }
            public List<RequestValidatorRecord>? RequestValidators { get; set; }
            public List<AuthorizerRecord>? Authorizers { get; set; }
            public List<ModelRecord>? Models { get; set; }
            public List<GatewayResponseRecord>? GatewayResponses { get; set; }
        }
    }
}
