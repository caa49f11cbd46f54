using System.Text.RegularExpressions;
using ApiGatewayTools.LocalGateway.Http;
using ApiGatewayTools.LocalGateway.Json;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway.ControlPlane;

/// <summary>GetResources, GetResource, CreateResource, UpdateResource, DeleteResource and the tree rules.</summary>
internal sealed partial class ResourceRoutes(GatewayState state) : IRouteArea
{
    public void Register(Router router)
    {
        router.Map("GET", "/restapis/{restapi_id}/resources", "GetResources", List);
        router.Map("GET", "/restapis/{restapi_id}/resources/{resource_id}", "GetResource", Get);
        router.Map("POST", "/restapis/{restapi_id}/resources/{parent_id}", "CreateResource", Create);
        router.Map("PATCH", "/restapis/{restapi_id}/resources/{resource_id}", "UpdateResource", Update);
        router.Map("DELETE", "/restapis/{restapi_id}/resources/{resource_id}", "DeleteResource", Delete);
    }

    private GatewayResponse List(GatewayRequest request)
    {
        var embedMethods = EmbedsMethods(request);
        lock (state.Sync)
        {
            var api = state.RestApis.Get(request.Route("restapi_id"));
            var resources = api.Resources.Values.OrderBy(r => ResourceTree.PathOf(api.Resources, r), StringComparer.Ordinal).ToList();
            return Paging.Page(request, resources, (w, r) => ControlPlaneJson.Resource(w, api, r, embedMethods));
        }
    }

    private GatewayResponse Get(GatewayRequest request)
    {
        var embedMethods = EmbedsMethods(request);
        lock (state.Sync)
        {
            var api = state.RestApis.Get(request.Route("restapi_id"));
            var resource = api.Resources.Get(request.Route("resource_id"));
            return GatewayResponse.Json(200, w => ControlPlaneJson.Resource(w, api, resource, embedMethods));
        }
    }

    private GatewayResponse Create(GatewayRequest request)
    {
        var pathPart = JsonRead.String(request.Json, "pathPart");
        ValidatePathPart(pathPart);
        lock (state.Sync)
        {
            var api = state.RestApis.Get(request.Route("restapi_id"));
            var parent = api.Resources.Get(request.Route("parent_id"));
            var resource = new ResourceRecord { Id = api.Resources.NewId(IdGenerator.NewResourceId), ParentId = parent.Id, PathPart = pathPart };
            EnsureFitsUnder(api, parent, resource);
            api.Resources.Add(resource);
            return GatewayResponse.Json(201, w => ControlPlaneJson.Resource(w, api, resource, embedMethods: false));
        }
    }

    private GatewayResponse Update(GatewayRequest request)
    {
        var operations = PatchOperation.ReadAll(request.Json);
        lock (state.Sync)
        {
            var api = state.RestApis.Get(request.Route("restapi_id"));
            var resource = api.Resources.Get(request.Route("resource_id"));
            if (resource.ParentId is null && operations.Count > 0)
            {
                throw GatewayError.BadRequest("The root resource cannot be modified");
            }
            resource = api.Resources.Replace(PatchOperation.ApplyAll(operations, resource with { },
                (updated, operation) => Apply(api, updated, operation), updated => ValidatePlace(api, updated)));
            return GatewayResponse.Json(200, w => ControlPlaneJson.Resource(w, api, resource, embedMethods: false));
        }
    }

    private GatewayResponse Delete(GatewayRequest request)
    {
        lock (state.Sync)
        {
            var api = state.RestApis.Get(request.Route("restapi_id"));
            var resource = api.Resources.Get(request.Route("resource_id"));
            if (resource.ParentId is null)
            {
                throw GatewayError.BadRequest("Cannot delete the root resource of a REST API");
            }
            foreach (var doomed in ResourceTree.Subtree(api.Resources, resource.Id))
            {
                api.Resources.Remove(doomed.Id);
            }
            return GatewayResponse.Empty(202);
        }
    }

    private static void Apply(RestApiRecord api, ResourceRecord resource, PatchOperation operation)
    {
        switch (operation.Segments[0])
        {
            case "pathPart" when operation.Op == "replace":
                ValidatePathPart(operation.Value);
                resource.PathPart = operation.Value;
                break;
            case "parentId" when operation.Op == "replace":
                resource.ParentId = api.Resources.Get(operation.RequiredValue).Id;
                break;
            default:
                throw operation.Unsupported();
        }
    }

    /// <summary>Whether a moved or renamed resource still fits the tree: not under itself, no children under a greedy part.</summary>
    private static void ValidatePlace(RestApiRecord api, ResourceRecord updated)
    {
        var newParent = api.Resources[updated.ParentId!];
        if (ResourceTree.Subtree(api.Resources, updated.Id).Any(r => r.Id == newParent.Id))
        {
            throw GatewayError.BadRequest("A resource cannot be moved under itself or one of its descendants");
        }
        if (updated.IsGreedy && api.Resources.Values.Any(r => r.ParentId == updated.Id))
        {
            throw GatewayError.BadRequest($"A resource with a greedy path variable cannot have children: {updated.PathPart}");
        }
        EnsureFitsUnder(api, newParent, updated);
    }

    private static bool EmbedsMethods(GatewayRequest request) =>
        request.QueryValues("embed").SelectMany(value => value.Split(',')).Any(value => value.Trim() == "methods");

    /// <summary>The sibling rules: unique names, at most one variable, nothing below a greedy variable.</summary>
    private static void EnsureFitsUnder(RestApiRecord api, ResourceRecord parent, ResourceRecord resource)
    {
        if (parent.IsGreedy)
        {
            throw GatewayError.BadRequest(
                $"Cannot create a child of a resource with a greedy path variable: {ResourceTree.PathOf(api.Resources, parent)}");
        }
        var siblings = api.Resources.Values.Where(r => r.ParentId == parent.Id && r.Id != resource.Id).ToList();
        if (siblings.Any(s => s.PathPart == resource.PathPart))
        {
            throw GatewayError.Conflict($"Another resource with the same parent already has this name: {resource.PathPart}");
        }
        if (resource.IsVariable && siblings.FirstOrDefault(s => s.IsVariable) is { } variableSibling)
        {
            throw GatewayError.BadRequest(
                $"A sibling ({variableSibling.PathPart}) of this resource already has a variable path part -- only one is allowed");
        }
    }

    internal static void ValidatePathPart(string? pathPart)
    {
        if (string.IsNullOrEmpty(pathPart) || !ValidPathPart().IsMatch(pathPart))
        {
            throw GatewayError.BadRequest(
                "Resource's path part only allows letters, digits and -._~:@!$&'()*+,;= or a whole-segment variable {name} or greedy variable {name+}; "
                + $"got '{pathPart}'");
        }
    }

    [GeneratedRegex(@"^(?:[A-Za-z0-9\-._~:@!$&'()*+,;=]+|\{[A-Za-z0-9._\-]+\+?\})$")]
    private static partial Regex ValidPathPart();
}
