using System.Globalization;

namespace ApiGatewayTools.Engine.Domain;

/// <summary>What a sync did: the API as it now is, how it was changed, and the deployment it made (if any).</summary>
public sealed record ApiSyncResult(RestApi RestApi, ApiSyncStrategy Strategy, IReadOnlyList<ApiDifference> Differences, int Calls, Deployment? Deployment)
{
    public string RestApiId => RestApi.RestApiId;
    public string Name => RestApi.Name;
    public GwConnection Connection => RestApi.Connection;
    public int DifferenceCount => Differences.Count;
    public string? DeploymentId => Deployment?.DeploymentId;
}

/// <summary>How a sync brings an API to its document.</summary>
public enum ApiSyncStrategy
{
    /// <summary>Nothing differs: nothing is sent.</summary>
    None,
    /// <summary>No API of that name exists: one ImportRestApi.</summary>
    Import,
    /// <summary>One PutRestApi in overwrite mode carries the whole document.</summary>
    Overwrite,
    /// <summary>A few method-level calls change only what differs.</summary>
    Targeted,
}

/// <summary>A sync's plan: what differs, how it will be changed, and the exact calls.</summary>
public sealed record ApiSyncPlan(ApiSyncStrategy Strategy, IReadOnlyList<ApiDifference> Differences, GwPlan Plan, string? RestApiId)
{
    public bool IsEmpty => Plan.IsEmpty;
    /// <summary>For a new API, the last step that answers with it: ImportRestApi, or the UpdateRestApi that names it.</summary>
    public GwPlanStep<RestApi>? NewApiStep { get; init; }
}

/// <summary>
/// Makes a live API equal a document with the fewest calls, counted in AWS's quota time: PutRestApi is allowed
/// once a second and every other call ten times, so targeted calls win only while fewer than ten of them do the
/// work. What targeted calls cannot express (API-level settings, resources to create) always goes by PutRestApi.
/// Creating resources would pay off only for one new route: CreateResource (0.2) and the four calls of a route
/// (0.4) already cost 0.6 of PutRestApi's 1.0, and a second new route costs more than the overwrite. The method
/// and integration calls after it would also have to name a resource id the plan has not got yet.
/// </summary>
public static class ApiSyncWorkflow
{
    /// <summary>Quota seconds per call: PutRestApi 1 per s; CreateResource and DeleteResource 5 per s; the rest 10 per s.</summary>
    private const double PutRestApiCost = 1.0;
    private const double ResourceCallCost = 0.2;
    private const double OtherCallCost = 0.1;

    /// <summary>
    /// A new API from the document: there is nothing live to compare with. ImportRestApi names the API after the
    /// document's title; when the API is wanted under another <paramref name="name"/>, the same plan renames it.
    /// </summary>
    public static ApiSyncPlan PlanImport(ApiDocument document, ApiDefinition target, string? endpointType, string? name = null)
    {
        var plan = new GwPlan();
        var newApi = plan.Add(ApiGatewayOperations.ImportRestApi(document.ForImport() with { EndpointType = endpointType }));
        if (Renames(document, name) is { } rename)
        {
            newApi = plan.Add(ApiGatewayOperations.UpdateRestApi(newApi.Refer(a => a.RestApiId, "id of the new API"), rename));
        }

        var empty = new ApiDefinition([], new ApiSettings());
        return new(ApiSyncStrategy.Import, ApiDifference.Between(empty, target), plan, null) { NewApiStep = newApi };
    }

    /// <param name="name">
    /// The name the API is kept under, when that is not the document's title: PutRestApi's overwrite takes the
    /// title as AWS's ImportRestApi does, so the same plan names the API back.
    /// </param>
    public static ApiSyncPlan Plan(ApiDocument document, ApiDefinition target, LiveApi live, string? name = null)
    {
        var restApiId = live.Api.RestApiId;
        var differences = ApiDifference.Between(live.Definition, target);
        if (differences.Count == 0)
        {
            return new(ApiSyncStrategy.None, differences, new GwPlan(), restApiId);
        }

        var targeted = Targeted(restApiId, differences, target, live);
        if (targeted is not null && Cost(targeted) < PutRestApiCost)
        {
            return new(ApiSyncStrategy.Targeted, differences, targeted, restApiId);
        }

        var overwrite = new GwPlan();
        overwrite.Add(ApiGatewayOperations.PutRestApi(restApiId, document.ForImport(), overwrite: true));
        if (Renames(document, name) is { } rename)
        {
            overwrite.Add(ApiGatewayOperations.UpdateRestApi(restApiId, rename));
        }

        return new(ApiSyncStrategy.Overwrite, differences, overwrite, restApiId);
    }

    /// <summary>
    /// The calls that change only what differs, or null when they cannot: a setting differs, or a route needs a
    /// resource that does not exist yet. A changed route is deleted and put again whole, which is fewer calls than
    /// patching its parts one by one and leaves nothing of the old one behind.
    /// </summary>
    private static GwPlan? Targeted(string restApiId, IReadOnlyList<ApiDifference> differences, ApiDefinition target, LiveApi live)
    {
        if (differences.Any(d => d.Kind == ApiDifferenceKind.Setting))
        {
            return null;
        }

        var idOf = live.Resources.ToDictionary(r => r.Path, r => r.ResourceId, StringComparer.Ordinal);
        if (target.Paths.Any(p => !idOf.ContainsKey(p)))
        {
            return null;
        }

        var plan = new GwPlan();
        // Resources the document no longer has go first, topmost only: deleting one deletes what is under it.
        var gone = live.Definition.Paths.Where(p => !target.Paths.Contains(p)).ToList();
        var topmostGone = gone.Where(p => !gone.Any(other => other != p && IsUnder(p, other))).ToList();
        foreach (var path in topmostGone)
        {
            plan.Add(ApiGatewayOperations.DeleteResource(restApiId, idOf[path]));
        }

        var validatorIds = live.Validators.ToDictionary(v => v.Name, v => v.RequestValidatorId, StringComparer.Ordinal);
        var authorizerIds = live.Authorizers.ToDictionary(a => a.Name, a => a.AuthorizerId, StringComparer.Ordinal);
        foreach (var key in differences.Where(d => d.Path is not null && d.Method is not null).Select(d => new ApiRouteKey(d.Path!, d.Method!)).Distinct().Order())
        {
            if (topmostGone.Any(p => p == key.Path || IsUnder(key.Path, p)))
            {
                continue;
            }

            var resourceId = idOf[key.Path];
            if (live.Definition.Routes.ContainsKey(key))
            {
                plan.Add(ApiGatewayOperations.DeleteMethod(restApiId, resourceId, key.HttpMethod));
            }

            if (target.Routes.TryGetValue(key, out var route) && !AddRoute(plan, restApiId, resourceId, route, validatorIds, authorizerIds))
            {
                return null;
            }
        }

        return plan;
    }

    private static bool AddRoute(GwPlan plan, string restApiId, string resourceId, ApiRoute route,
        IReadOnlyDictionary<string, string> validatorIds, IReadOnlyDictionary<string, string> authorizerIds)
    {
        string? authorizerId = null;
        if (route.Authorizer is { } authorizer && !authorizerIds.TryGetValue(authorizer, out authorizerId))
        {
            return false;
        }

        var verb = route.Key.HttpMethod;
        plan.Add(ApiGatewayOperations.PutMethod(new PutMethodRequest
        {
            RestApiId = restApiId,
            ResourceId = resourceId,
            HttpMethod = verb,
            AuthorizationType = route.AuthorizationType,
            AuthorizerId = authorizerId,
            ApiKeyRequired = route.ApiKeyRequired,
            OperationName = route.OperationName,
            AuthorizationScopes = route.AuthorizationScopes.Count == 0 ? null : route.AuthorizationScopes,
            RequestParameters = route.RequestParameters.Count == 0 ? null : route.RequestParameters,
        }));

        // PutMethod takes neither a validator nor request models: one UpdateMethod adds both.
        var patch = route.RequestModels.Select(m => new PatchOperation("add", "/requestModels/" + PatchPath.Escape(m.Key), m.Value)).ToList();
        if (route.RequestValidator is { } validator)
        {
            if (!validatorIds.TryGetValue(validator, out var validatorId))
            {
                return false;
            }

            patch.Add(new PatchOperation("replace", "/requestValidatorId", validatorId));
        }

        if (patch.Count > 0)
        {
            plan.Add(ApiGatewayOperations.UpdateMethod(restApiId, resourceId, verb, patch));
        }

        foreach (var (status, response) in route.MethodResponses)
        {
            plan.Add(ApiGatewayOperations.PutMethodResponse(new PutMethodResponseRequest
            {
                RestApiId = restApiId,
                ResourceId = resourceId,
                HttpMethod = verb,
                StatusCode = status,
                ResponseParameters = response.Parameters.Count == 0 ? null : response.Parameters.ToDictionary(p => p, _ => false, StringComparer.Ordinal),
                ResponseModels = response.Models.Count == 0 ? null : response.Models,
            }));
        }

        if (route.Integration is not { } integration)
        {
            return true;
        }

        plan.Add(ApiGatewayOperations.PutIntegration(new PutIntegrationRequest
        {
            RestApiId = restApiId,
            ResourceId = resourceId,
            HttpMethod = verb,
            Type = integration.Type,
            IntegrationHttpMethod = integration.HttpMethod,
            Uri = integration.Uri,
            Credentials = integration.Credentials,
            PassthroughBehavior = integration.PassthroughBehavior,
            ContentHandling = integration.ContentHandling,
            TimeoutInMillis = integration.TimeoutInMillis == ApiIntegration.DefaultTimeoutInMillis ? null : integration.TimeoutInMillis,
            RequestParameters = integration.RequestParameters.Count == 0 ? null : integration.RequestParameters,
            RequestTemplates = integration.RequestTemplates.Count == 0 ? null : integration.RequestTemplates,
            CacheKeyParameters = integration.CacheKeyParameters.Count == 0 ? null : integration.CacheKeyParameters,
        }));
        foreach (var (pattern, response) in integration.Responses)
        {
            plan.Add(ApiGatewayOperations.PutIntegrationResponse(new PutIntegrationResponseRequest
            {
                RestApiId = restApiId,
                ResourceId = resourceId,
                HttpMethod = verb,
                StatusCode = response.StatusCode,
                SelectionPattern = pattern == "default" ? null : pattern,
                ResponseParameters = response.Parameters.Count == 0 ? null : response.Parameters,
                ResponseTemplates = response.Templates.Count == 0 ? null : response.Templates,
            }));
        }

        return true;
    }

    /// <summary>The patch that names an API imported from the document <paramref name="name"/>; null when the title already does.</summary>
    private static IReadOnlyList<PatchOperation>? Renames(ApiDocument document, string? name) =>
        name is null || name == document.Title ? null : [new PatchOperation("replace", "/name", name)];

    private static bool IsUnder(string path, string ancestor) =>
        path.StartsWith(ancestor == "/" ? "/" : ancestor + "/", StringComparison.Ordinal) && path != ancestor;

    private static double Cost(GwPlan plan) => plan.Steps.Sum(s => s.Operation.Name switch
    {
        "PutRestApi" or "ImportRestApi" => PutRestApiCost,
        "CreateResource" or "DeleteResource" => ResourceCallCost,
        _ => OtherCallCost,
    });

    /// <summary>How a sync's plan reads: the differences, then how they will be changed.</summary>
    public static string Describe(ApiSyncPlan sync)
    {
        var lines = sync.Differences.Select(d => "  " + d).ToList();
        lines.Insert(0, sync.Differences.Count == 1 ? "1 difference:" : $"{sync.Differences.Count.ToString(CultureInfo.InvariantCulture)} differences:");
        lines.Add(sync.Strategy switch
        {
            ApiSyncStrategy.Import => sync.Plan.Steps.Count == 1 ? "A new API, from the document in one call:" : "A new API, from the document, then named as asked:",
            ApiSyncStrategy.Overwrite => sync.Plan.Steps.Count == 1 ? "The whole definition, replaced in one call:" : "The whole definition, replaced, then the API named as asked:",
            _ => $"{sync.Plan.Steps.Count.ToString(CultureInfo.InvariantCulture)} targeted calls:",
        });
        lines.Add(sync.Plan.ToString());
        return string.Join(Environment.NewLine, lines);
    }
}
