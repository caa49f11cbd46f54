using System.Text.RegularExpressions;
using ApiGatewayTools.LocalGateway.Http;
using ApiGatewayTools.LocalGateway.Json;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway.ControlPlane;

/// <summary>CreateStage, GetStages, GetStage, UpdateStage, DeleteStage and FlushStageCache.</summary>
internal sealed partial class StageRoutes(GatewayState state) : IRouteArea
{
    public void Register(Router router)
    {
        router.MapCollection("Stage", "/restapis/{restapi_id}/stages", "stage_name", Create, List, Get, Update, Delete);
        router.Map("DELETE", "/restapis/{restapi_id}/stages/{stage_name}/cache/data", "FlushStageCache", FlushCache);
    }

    /// <summary>Every top-level path UpdateStage serves, as AWS lists them when it refuses one.</summary>
    private const string ValidPaths =
        "/deploymentId, /description, /cacheClusterEnabled, /cacheClusterSize, /clientCertificateId, /accessLogSettings, "
        + "/accessLogSettings/destinationArn, /accessLogSettings/format, /{resourcePath}/{httpMethod}/metrics/enabled, "
        + "/{resourcePath}/{httpMethod}/logging/dataTrace, /{resourcePath}/{httpMethod}/logging/loglevel, "
        + "/{resourcePath}/{httpMethod}/throttling/burstLimit/{resourcePath}/{httpMethod}/throttling/rateLimit"
        + "/{resourcePath}/{httpMethod}/caching/ttlInSeconds, /{resourcePath}/{httpMethod}/caching/enabled, "
        + "/{resourcePath}/{httpMethod}/caching/dataEncrypted, /{resourcePath}/{httpMethod}/caching/requireAuthorizationForCacheControl, "
        + "/{resourcePath}/{httpMethod}/caching/unauthorizedCacheControlHeaderStrategy, /*/*/metrics/enabled, /*/*/logging/dataTrace, "
        + "/*/*/logging/loglevel, /*/*/throttling/burstLimit /*/*/throttling/rateLimit /*/*/caching/ttlInSeconds, /*/*/caching/enabled, "
        + "/*/*/caching/dataEncrypted, /*/*/caching/requireAuthorizationForCacheControl, "
        + "/*/*/caching/unauthorizedCacheControlHeaderStrategy, /variables/{variable_name}, /tracingEnabled";

    /// <summary>AWS's answer to an UpdateStage path it does not serve (its list is kept verbatim, odd separators included).</summary>
    public static GatewayError InvalidPath(PatchOperation operation) =>
        GatewayError.BadRequest($"Invalid method setting path: {operation.Path}. Must be one of: [{ValidPaths}]");

    private static readonly string[] CacheClusterSizes = ["0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"];

    public static void ValidateCacheClusterSize(string? size)
    {
        if (size is not null && !CacheClusterSizes.Contains(size))
        {
            throw GatewayError.BadRequest($"Invalid cache cluster size specified: {size}. Valid options are {string.Join(",", CacheClusterSizes)}");
        }
    }

    public static void ValidateStageName(string stageName)
    {
        if (!StageNamePattern().IsMatch(stageName))
        {
            throw GatewayError.BadRequest($"Stage name only allows a-zA-Z0-9_- and at most 128 characters: '{stageName}'");
        }
    }

    /// <summary>AWS's rule for stage variables: names of letters, digits and '_'; values of 1 to 512 of A-Za-z0-9-._~:/?#&amp;=, .</summary>
    public static Dictionary<string, string>? ValidateVariables(Dictionary<string, string>? variables)
    {
        foreach (var (name, value) in variables ?? [])
        {
            ValidateVariable(name, value);
        }
        return variables;
    }

    private static void ValidateVariable(string name, string value)
    {
        if (!VariableNamePattern().IsMatch(name))
        {
            throw GatewayError.BadRequest($"Stage variable name only allows a-zA-Z0-9_: '{name}'");
        }
        if (!VariableValuePattern().IsMatch(value))
        {
            throw GatewayError.BadRequest($"Stage variable value only allows 1 to 512 of a-zA-Z0-9-._~:/?#&=,: '{value}' (variable {name})");
        }
    }

    private GatewayResponse Create(GatewayRequest request)
    {
        var body = request.Json;
        var stageName = JsonRead.RequiredString(body, "stageName");
        ValidateStageName(stageName);
        var deploymentId = JsonRead.RequiredString(body, "deploymentId");
        ValidateCacheClusterSize(JsonRead.String(body, "cacheClusterSize"));
        lock (state.Sync)
        {
            var api = state.RestApis.Get(request.Route("restapi_id"));
            if (!api.Deployments.ContainsKey(deploymentId))
            {
                throw GatewayError.BadRequest($"Invalid deployment identifier specified: {deploymentId}");
            }
            if (api.Stages.ContainsKey(stageName))
            {
                throw GatewayError.Conflict("Stage already exists");
            }
            var now = DateTimeOffset.UtcNow;
            var stage = new StageRecord
            {
                StageName = stageName,
                DeploymentId = deploymentId,
                Description = JsonRead.String(body, "description"),
                DocumentationVersion = JsonRead.String(body, "documentationVersion"),
                TracingEnabled = JsonRead.Bool(body, "tracingEnabled") ?? false,
                Variables = ValidateVariables(JsonRead.StringMap(body, "variables")) ?? new(StringComparer.Ordinal),
                Tags = JsonRead.StringMap(body, "tags") ?? new(StringComparer.Ordinal),
                Canary = StageCanary.ReadForStage(body, api, deploymentId),
                CreatedDate = now,
                LastUpdatedDate = now,
            };
            stage.SetCacheCluster(JsonRead.Bool(body, "cacheClusterEnabled") ?? false, JsonRead.String(body, "cacheClusterSize"));
            api.Stages.Add(stage);
            return GatewayResponse.Json(201, w => ControlPlaneJson.Stage(w, stage));
        }
    }

    /// <summary>GetStages is not paginated: every stage (optionally of one deployment) under "item".</summary>
    private GatewayResponse List(GatewayRequest request)
    {
        var deploymentId = request.QueryValue("deploymentId");
        lock (state.Sync)
        {
            var api = state.RestApis.Get(request.Route("restapi_id"));
            var stages = api.Stages.Values.Where(stage => deploymentId is null || stage.DeploymentId == deploymentId);
            return GatewayResponse.Json(200, w => Paging.WriteItems(w, stages, ControlPlaneJson.Stage));
        }
    }

    private GatewayResponse Get(GatewayRequest request)
    {
        lock (state.Sync)
        {
            var api = state.RestApis.Get(request.Route("restapi_id"));
            var stage = api.Stages.Get(request.Route("stage_name"));
            return GatewayResponse.Json(200, w => ControlPlaneJson.Stage(w, stage));
        }
    }

    private GatewayResponse Update(GatewayRequest request)
    {
        var operations = PatchOperation.ReadAll(request.Json);
        lock (state.Sync)
        {
            var api = state.RestApis.Get(request.Route("restapi_id"));
            var updated = PatchOperation.ApplyAll(operations, api.Stages.Get(request.Route("stage_name")) with { }, (stage, operation) => Apply(api, stage, operation));
            var stage = api.Stages.Replace(updated with { LastUpdatedDate = DateTimeOffset.UtcNow });
            return GatewayResponse.Json(200, w => ControlPlaneJson.Stage(w, stage));
        }
    }

    /// <summary>
    /// Empties the stage's cache: answers cached before now are never served again. A stage without a cache
    /// cluster has nothing to flush and is answered the same way.
    /// </summary>
    private GatewayResponse FlushCache(GatewayRequest request)
    {
        lock (state.Sync)
        {
            var api = state.RestApis.Get(request.Route("restapi_id"));
            var stage = api.Stages.Get(request.Route("stage_name"));
            api.Stages.Replace(stage with { CacheGeneration = stage.CacheGeneration + 1 });
            return GatewayResponse.Empty(202);
        }
    }

    private GatewayResponse Delete(GatewayRequest request)
    {
        lock (state.Sync)
        {
            var api = state.RestApis.Get(request.Route("restapi_id"));
            var stage = api.Stages.Get(request.Route("stage_name"));
            api.Stages.Remove(stage.StageName);
            return GatewayResponse.Empty(202);
        }
    }

    private static void Apply(RestApiRecord api, StageRecord stage, PatchOperation operation)
    {
        if (StageCanary.TryApply(api, stage, operation) || StageAccessLog.TryApply(stage, operation))
        {
            return;
        }
        var segments = operation.Segments;
        switch (segments[0])
        {
            case "deploymentId" when operation.Op == "replace":
                stage.DeploymentId = api.Deployments.ContainsKey(operation.RequiredValue)
                    ? operation.RequiredValue
                    : throw GatewayError.BadRequest($"Invalid deployment identifier specified: {operation.Value}");
                break;
            case "description" when operation.SetsOrClears:
                stage.Description = operation.OptionalValue;
                break;
            case "variables" when segments.Count == 2:
                operation.ApplyToMap(stage.Variables, segments[1]);
                if (stage.Variables.TryGetValue(segments[1], out var value))
                {
                    ValidateVariable(segments[1], value);
                }
                break;
            case "cacheClusterEnabled" when operation.Op == "replace":
                stage.SetCacheCluster(operation.BoolValue, stage.CacheClusterSize);
                break;
            case "cacheClusterSize" when operation.Op == "replace":
                ValidateCacheClusterSize(operation.RequiredValue);
                stage.SetCacheCluster(stage.CacheClusterEnabled, operation.RequiredValue);
                break;
            case "tracingEnabled" when operation.Op == "replace":
                stage.TracingEnabled = operation.BoolValue;
                break;
            case "clientCertificateId" when operation.SetsOrClears:
                stage.ClientCertificateId = operation.OptionalValue;
                break;
            case "documentationVersion" when operation.SetsOrClears:
                stage.DocumentationVersion = operation.OptionalValue;
                break;
            default:
                if (!StageMethodSettings.TryApply(stage, operation))
                {
                    throw operation.Unsupported();
                }
                break;
        }
    }

    /// <summary>AWS accepts letters, digits, hyphens and underscores, up to 128 characters.</summary>
    [GeneratedRegex("^[A-Za-z0-9_]+$")]
    private static partial Regex VariableNamePattern();

    [GeneratedRegex(@"^[A-Za-z0-9\-._~:/?#&=,]{1,512}$")]
    private static partial Regex VariableValuePattern();

    [GeneratedRegex(@"^[A-Za-z0-9_\-]{1,128}$")]
    private static partial Regex StageNamePattern();
}
