using ApiGatewayTools.LocalGateway.Http;
using ApiGatewayTools.LocalGateway.Json;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway.ControlPlane;

/// <summary>CreateDeployment (snapshotting the API), GetDeployments, GetDeployment, UpdateDeployment, DeleteDeployment.</summary>
internal sealed class DeploymentRoutes(GatewayState state) : IRouteArea
{
    public void Register(Router router)
    {
        router.MapCollection("Deployment", "/restapis/{restapi_id}/deployments", "deployment_id", Create, List, Get, Update, Delete);
    }

    private GatewayResponse Create(GatewayRequest request)
    {
        var body = request.Json;
        var stageName = JsonRead.String(body, "stageName");
        if (stageName is not null)
        {
            StageRoutes.ValidateStageName(stageName);
        }
        var variables = StageRoutes.ValidateVariables(JsonRead.StringMap(body, "variables"));
        StageRoutes.ValidateCacheClusterSize(JsonRead.String(body, "cacheClusterSize"));
        lock (state.Sync)
        {
            var api = state.RestApis.Get(request.Route("restapi_id"));
            var canarySettings = StageCanary.ReadDeploymentRequest(body, api, stageName);
            EnsureDeployable(api);
            var now = DateTimeOffset.UtcNow;
            var deployment = new DeploymentRecord
            {
                Id = api.Deployments.NewId(IdGenerator.NewDeploymentId),
                Description = JsonRead.String(body, "description"),
                CreatedDate = now,
                Snapshot = new DeploymentSnapshot(api),
            };
            api.Deployments.Add(deployment);
            if (canarySettings is { } canary)
            {
                // A canary deployment leaves the stage on its deployment and settings; only the canary changes.
                var stage = api.Stages.Get(stageName!) with { };
                stage.Canary = StageCanary.ForDeployment(canary, deployment.Id);
                stage.LastUpdatedDate = now;
                api.Stages.Replace(stage);
            }
            else if (stageName is not null)
            {
                var stage = api.Stages.TryGetValue(stageName, out var existing)
                    ? existing with { }
                    : new StageRecord { StageName = stageName, DeploymentId = deployment.Id, CreatedDate = now, LastUpdatedDate = now };
                stage.DeploymentId = deployment.Id;
                stage.Description = JsonRead.String(body, "stageDescription") ?? stage.Description;
                stage.SetCacheCluster(JsonRead.Bool(body, "cacheClusterEnabled") ?? stage.CacheClusterEnabled, JsonRead.String(body, "cacheClusterSize"));
                stage.TracingEnabled = JsonRead.Bool(body, "tracingEnabled") ?? stage.TracingEnabled;
                if (variables is not null)
                {
                    stage.Variables = variables;
                }
                stage.LastUpdatedDate = now;
                api.Stages.Replace(stage);
            }
            return GatewayResponse.Json(201, w => ControlPlaneJson.Deployment(w, deployment, embedApiSummary: false));
        }
    }

    private GatewayResponse List(GatewayRequest request)
    {
        lock (state.Sync)
        {
            var api = state.RestApis.Get(request.Route("restapi_id"));
            return api.Deployments.Page(request, (w, d) => ControlPlaneJson.Deployment(w, d, embedApiSummary: false));
        }
    }

    private GatewayResponse Get(GatewayRequest request)
    {
        var embedApiSummary = request.QueryValues("embed").SelectMany(v => v.Split(',')).Any(v => v.Trim() == "apisummary");
        lock (state.Sync)
        {
            var api = state.RestApis.Get(request.Route("restapi_id"));
            var deployment = api.Deployments.Get(request.Route("deployment_id"));
            return GatewayResponse.Json(200, w => ControlPlaneJson.Deployment(w, deployment, embedApiSummary));
        }
    }

    private GatewayResponse Update(GatewayRequest request)
    {
        var operations = PatchOperation.ReadAll(request.Json);
        lock (state.Sync)
        {
            var api = state.RestApis.Get(request.Route("restapi_id"));
            var deployment = api.Deployments.Replace(PatchOperation.ApplyAll(operations, api.Deployments.Get(request.Route("deployment_id")) with { }, Apply));
            return GatewayResponse.Json(200, w => ControlPlaneJson.Deployment(w, deployment, embedApiSummary: false));
        }
    }

    private GatewayResponse Delete(GatewayRequest request)
    {
        lock (state.Sync)
        {
            var api = state.RestApis.Get(request.Route("restapi_id"));
            var deployment = api.Deployments.Get(request.Route("deployment_id"));
            // A stage's canary counts as using its deployment too.
            if (api.Stages.Values.Any(stage => stage.DeploymentId == deployment.Id || stage.Canary?.DeploymentId == deployment.Id))
            {
                throw GatewayError.BadRequest("Active stages pointing to this deployment must be moved or deleted");
            }
            api.Deployments.Remove(deployment.Id);
            return GatewayResponse.Empty(202);
        }
    }

    private static void Apply(DeploymentRecord deployment, PatchOperation operation) =>
        deployment.Description = operation.Segments[0] == "description" && operation.SetsOrClears
            ? operation.OptionalValue
            : throw operation.Unsupported();

    /// <summary>API Gateway refuses to deploy an API with no methods or with a method lacking an integration.</summary>
    private static void EnsureDeployable(RestApiRecord api)
    {
        var methods = api.Resources.Values.SelectMany(resource => resource.Methods.Values).ToList();
        if (methods.Count == 0)
        {
            throw GatewayError.BadRequest("The REST API doesn't contain any methods");
        }
        if (methods.Any(method => method.Integration is null))
        {
            throw GatewayError.BadRequest("No integration defined for method");
        }
    }
}
