using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.RegularExpressions;
using ApiGatewayTools.LocalGateway.Http;
using ApiGatewayTools.LocalGateway.Json;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway.ControlPlane;

/// <summary>Methods and their method responses: Put, Get, Update, Delete of each (the responses through <see cref="StatusCodeResponses{TResponse}"/>).</summary>
internal sealed partial class MethodRoutes(GatewayState state) : IRouteArea
{
    private const string MethodPath = "/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}";
    private const string ResponsePath = MethodPath + "/responses/{status_code}";

    public static readonly string[] HttpMethods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"];
    private static readonly string[] AuthorizationTypes = ["NONE", "AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS"];

    public void Register(Router router)
    {
        router.Map("PUT", MethodPath, "PutMethod", Put);
        router.Map("GET", MethodPath, "GetMethod", Get);
        router.Map("PATCH", MethodPath, "UpdateMethod", Update);
        router.Map("DELETE", MethodPath, "DeleteMethod", Delete);
        new StatusCodeResponses<MethodResponseRecord>(state, "MethodResponse", method => method.MethodResponses,
            ReadResponse, response => response with { }, ApplyToResponse, (api, response) => ModelRoutes.EnsureExist(api, response.ResponseModels.Values),
            ControlPlaneJson.MethodResponse).Register(router, ResponsePath);
    }

    /// <summary>The method verb from the path, upper-cased; anything outside API Gateway's list is a 400.</summary>
    public static string ReadHttpMethod(GatewayRequest request)
    {
        var httpMethod = request.Route("http_method").ToUpperInvariant();
        return HttpMethods.Contains(httpMethod)
            ? httpMethod
            : throw GatewayError.BadRequest($"Invalid HttpMethod specified. Valid options are {string.Join(",", HttpMethods)}");
    }

    private GatewayResponse Put(GatewayRequest request)
    {
        var httpMethod = ReadHttpMethod(request);
        var body = request.Json;
        var authorizationType = JsonRead.String(body, "authorizationType");
        ValidateAuthorizationType(authorizationType);
        var method = new MethodRecord
        {
            HttpMethod = httpMethod,
            AuthorizationType = authorizationType,
            AuthorizerId = JsonRead.String(body, "authorizerId"),
            ApiKeyRequired = JsonRead.Bool(body, "apiKeyRequired") ?? false,
            OperationName = JsonRead.String(body, "operationName"),
            RequestValidatorId = JsonRead.String(body, "requestValidatorId"),
            RequestParameters = JsonRead.BoolMap(body, "requestParameters") ?? new(StringComparer.Ordinal),
            RequestModels = JsonRead.StringMap(body, "requestModels") ?? new(StringComparer.Ordinal),
            AuthorizationScopes = JsonRead.StringList(body, "authorizationScopes") ?? [],
        };
        ValidateRequestParameters(method.RequestParameters.Keys);
        ValidateAuthorizer(method);
        return WithResource(request, (api, resource) =>
        {
            if (resource.Methods.ContainsKey(httpMethod))
            {
                throw GatewayError.Conflict("Method already exists for this resource");
            }
            RequestValidatorRoutes.EnsureExists(api, method.RequestValidatorId);
            ModelRoutes.EnsureExist(api, method.RequestModels.Values);
            AuthorizerRoutes.EnsureFits(api, method.AuthorizationType, method.AuthorizerId);
            resource.Methods.Add(httpMethod, method);
            return GatewayResponse.Json(201, w => ControlPlaneJson.Method(w, method));
        });
    }

    private GatewayResponse Get(GatewayRequest request) => WithMethod(request, method =>
        GatewayResponse.Json(200, w => ControlPlaneJson.Method(w, method)));

    private GatewayResponse Update(GatewayRequest request)
    {
        var operations = PatchOperation.ReadAll(request.Json);
        var httpMethod = ReadHttpMethod(request);
        return WithResource(request, (api, resource) =>
        {
            var method = PatchOperation.ApplyAll(operations, resource.Method(httpMethod) with { }, Apply, updated =>
            {
                ValidateAuthorizer(updated);
                RequestValidatorRoutes.EnsureExists(api, updated.RequestValidatorId);
                ModelRoutes.EnsureExist(api, updated.RequestModels.Values);
                AuthorizerRoutes.EnsureFits(api, updated.AuthorizationType, updated.AuthorizerId);
            });
            resource.Methods[httpMethod] = method;
            return GatewayResponse.Json(200, w => ControlPlaneJson.Method(w, method));
        });
    }

    private GatewayResponse Delete(GatewayRequest request)
    {
        var httpMethod = ReadHttpMethod(request);
        return WithResource(request, (api, resource) =>
        {
            resource.Method(httpMethod);
            resource.Methods.Remove(httpMethod);
            return GatewayResponse.Empty(204);
        });
    }

    private GatewayResponse WithMethod(GatewayRequest request, Func<MethodRecord, GatewayResponse> action) =>
        WithMethod(state, request, action);

    /// <summary>Runs <paramref name="action"/> on the addressed resource under the state lock.</summary>
    private GatewayResponse WithResource(GatewayRequest request, Func<RestApiRecord, ResourceRecord, GatewayResponse> action)
    {
        lock (state.Sync)
        {
            var api = state.RestApis.Get(request.Route("restapi_id"));
            return action(api, api.Resources.Get(request.Route("resource_id")));
        }
    }

    /// <summary>Runs <paramref name="action"/> on the addressed method under the state lock; integrations use it too.</summary>
    public static GatewayResponse WithMethod(GatewayState state, GatewayRequest request, Func<MethodRecord, GatewayResponse> action) =>
        WithMethod(state, request, (_, method) => action(method));

    /// <summary>Runs <paramref name="action"/> on the addressed method and its API (what the method may refer to) under the state lock.</summary>
    public static GatewayResponse WithMethod(GatewayState state, GatewayRequest request, Func<RestApiRecord, MethodRecord, GatewayResponse> action)
    {
        var httpMethod = ReadHttpMethod(request);
        lock (state.Sync)
        {
            var api = state.RestApis.Get(request.Route("restapi_id"));
            var resource = api.Resources.Get(request.Route("resource_id"));
            return action(api, resource.Method(httpMethod));
        }
    }

    private static MethodResponseRecord ReadResponse(string statusCode, JsonElement body)
    {
        var response = new MethodResponseRecord
        {
            StatusCode = statusCode,
            ResponseParameters = JsonRead.BoolMap(body, "responseParameters") ?? new(StringComparer.Ordinal),
            ResponseModels = JsonRead.StringMap(body, "responseModels") ?? new(StringComparer.Ordinal),
        };
        ValidateResponseParameters(response.ResponseParameters.Keys);
        return response;
    }

    private static void ApplyToResponse(MethodResponseRecord response, PatchOperation operation)
    {
        var segments = operation.Segments;
        switch (segments[0])
        {
            case "responseParameters" when segments.Count == 2:
                ValidateResponseParameters([segments[1]]);
                operation.ApplyToBoolMap(response.ResponseParameters, segments[1]);
                break;
            case "responseModels" when segments.Count == 2:
                operation.ApplyToMap(response.ResponseModels, segments[1]);
                break;
            default:
                throw operation.Unsupported();
        }
    }

    private static void Apply(MethodRecord method, PatchOperation operation)
    {
        var segments = operation.Segments;
        switch (segments[0])
        {
            case "authorizationType" when operation.Op == "replace":
                ValidateAuthorizationType(operation.RequiredValue);
                method.AuthorizationType = operation.RequiredValue;
                break;
            case "authorizerId" when operation.SetsOrClears:
                method.AuthorizerId = operation.OptionalValue;
                break;
            case "apiKeyRequired" when operation.Op == "replace":
                method.ApiKeyRequired = operation.BoolValue;
                break;
            case "operationName" when operation.SetsOrClears:
                method.OperationName = operation.OptionalValue;
                break;
            case "requestValidatorId" when operation.SetsOrClears:
                // An empty value detaches the validator, as removing the path does.
                method.RequestValidatorId = string.IsNullOrEmpty(operation.OptionalValue) ? null : operation.OptionalValue;
                break;
            case "requestParameters" when segments.Count == 2:
                ValidateRequestParameters([segments[1]]);
                if (operation.Op == "add" && operation.Value is null)
                {
                    method.RequestParameters[segments[1]] = false;
                    break;
                }
                operation.ApplyToBoolMap(method.RequestParameters, segments[1]);
                break;
            case "requestModels" when segments.Count == 2:
                operation.ApplyToMap(method.RequestModels, segments[1]);
                break;
            case "authorizationScopes" when operation.Op == "add":
                method.AuthorizationScopes.Add(operation.RequiredValue);
                break;
            case "authorizationScopes" when operation.Op == "remove":
                method.AuthorizationScopes.Remove(operation.RequiredValue);
                break;
            default:
                throw operation.Unsupported();
        }
    }

    /// <summary>
    /// The checks a method's own definition passes, whichever way it arrives (PutMethod or an imported document):
    /// its authorization type and the names of its request and response parameters.
    /// </summary>
    internal static void ValidateDefinition(MethodRecord method)
    {
        ValidateAuthorizationType(method.AuthorizationType);
        ValidateRequestParameters(method.RequestParameters.Keys);
        foreach (var response in method.MethodResponses.Values)
        {
            ValidateResponseParameters(response.ResponseParameters.Keys);
        }
    }

    /// <summary>The status code from the path: three digits, 100 to 599, as for method and integration responses alike.</summary>
    public static string ReadStatusCode(GatewayRequest request)
    {
        var statusCode = request.Route("status_code");
        return StatusCodePattern().IsMatch(statusCode)
            ? statusCode
            : throw GatewayError.BadRequest($"Invalid status code specified: {statusCode}. Must be a 3-digit HTTP status code from 100 to 599.");
    }

    private static void ValidateAuthorizationType([NotNull] string? authorizationType)
    {
        if (authorizationType is null || !AuthorizationTypes.Contains(authorizationType))
        {
            throw GatewayError.BadRequest(
                $"Invalid authorization type specified: {authorizationType}. Valid options are {string.Join(",", AuthorizationTypes)}");
        }
    }

    /// <summary>Authorizer-based types need an authorizer; the local gateway does not model authorizers beyond their id.</summary>
    private static void ValidateAuthorizer(MethodRecord method)
    {
        if (method.AuthorizationType is "CUSTOM" or "COGNITO_USER_POOLS" && string.IsNullOrEmpty(method.AuthorizerId))
        {
            throw GatewayError.BadRequest(
                $"Invalid authorizer ID specified. Setting the authorization type to {method.AuthorizationType} requires a valid authorizer.");
        }
    }

    private static void ValidateRequestParameters(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            if (!RequestParameterPattern().IsMatch(name))
            {
                throw GatewayError.BadRequest(
                    $"Invalid method request parameter specified: {name}. Expected method.request.path|querystring|multivaluequerystring|header|multivalueheader.{{name}}");
            }
        }
    }

    private static void ValidateResponseParameters(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            if (!ResponseParameterPattern().IsMatch(name))
            {
                throw GatewayError.BadRequest($"Invalid method response parameter specified: {name}. Expected method.response.header.{{name}}");
            }
        }
    }

    [GeneratedRegex(@"^[1-5]\d\d$")]
    private static partial Regex StatusCodePattern();

    [GeneratedRegex(@"^method\.request\.(path|querystring|multivaluequerystring|header|multivalueheader)\.[^\s]+$")]
    private static partial Regex RequestParameterPattern();

    [GeneratedRegex(@"^method\.response\.header\.[^\s]+$")]
    private static partial Regex ResponseParameterPattern();
}
