using System.Text.RegularExpressions;

namespace ApiGatewayTools.Engine.Domain;

public static partial class MethodWorkflow
{
    public const string AuthorizerRequiredErrorId = "AuthorizerIdRequired";
    public const string InvalidRequestParameterErrorId = "InvalidRequestParameter";
    public const string InvalidRequestModelErrorId = "InvalidRequestModel";

    public static void ValidateAuthorization(string authorizationType, string? authorizerId)
    {
        var needsAuthorizer = authorizationType is "CUSTOM" or "COGNITO_USER_POOLS";
        if (needsAuthorizer && string.IsNullOrEmpty(authorizerId))
        {
            throw new GwValidationException(AuthorizerRequiredErrorId, "AuthorizerId", $"Authorization type {authorizationType} needs -AuthorizerId: the id of the authorizer that checks callers.");
        }

        if (!needsAuthorizer && !string.IsNullOrEmpty(authorizerId))
        {
            throw new GwValidationException(AuthorizerRequiredErrorId, "AuthorizerId", $"-AuthorizerId only applies with -AuthorizationType CUSTOM or COGNITO_USER_POOLS, not {authorizationType}.");
        }
    }

    /// <summary>
    /// The authorization type a method gets from its authorizer: CUSTOM for a Lambda authorizer, COGNITO_USER_POOLS for
    /// Cognito; a type asked for that does not fit the authorizer, or scopes without Cognito, fail before anything is sent.
    /// </summary>
    public static string AuthorizationTypeFor(string? requested, Authorizer? authorizer, IReadOnlyList<string>? scopes)
    {
        var type = requested;
        if (authorizer is not null)
        {
            var fitting = authorizer.Type == "COGNITO_USER_POOLS" ? "COGNITO_USER_POOLS" : "CUSTOM";
            if (requested is not null && requested != fitting)
            {
                throw new GwValidationException(AuthorizerRequiredErrorId, "AuthorizationType",
                    $"Authorizer {authorizer} is a {authorizer.Type} authorizer, which methods use with -AuthorizationType {fitting}, not {requested}. Leave -AuthorizationType out to get {fitting}.");
            }
            type = fitting;
        }
        type ??= "NONE";
        if (scopes is { Count: > 0 } && type != "COGNITO_USER_POOLS")
        {
            throw new GwValidationException(AuthorizerRequiredErrorId, "AuthorizationScope",
                "-AuthorizationScope applies to methods with a COGNITO_USER_POOLS authorizer: add -AuthorizerId (or -Authorizer) naming one.");
        }
        ValidateAuthorization(type, authorizer?.AuthorizerId);
        return type;
    }

    /// <summary>
    /// Request parameter names as API Gateway accepts them (method.request.path|querystring|multivaluequerystring|header|multivalueheader.name),
    /// refused before anything is sent.
    /// </summary>
    public static void ValidateRequestParameters(IReadOnlyDictionary<string, bool>? parameters)
    {
        foreach (var name in parameters?.Keys ?? [])
        {
            if (!RequestParameterName().IsMatch(name))
            {
                throw new GwValidationException(InvalidRequestParameterErrorId, "RequestParameter",
                    $"'{name}' is not a method request parameter. Write method.request.querystring.NAME, method.request.header.NAME or method.request.path.NAME "
                    + "(or multivaluequerystring / multivalueheader), e.g. @{ 'method.request.querystring.limit' = $true }.");
            }
        }
    }

    /// <summary>Request models map a content type (type/subtype, or $default) to an alphanumeric model name; anything else is refused before sending.</summary>
    public static void ValidateRequestModels(IReadOnlyDictionary<string, string>? models)
    {
        foreach (var (contentType, model) in models ?? new Dictionary<string, string>())
        {
            if (contentType != "$default" && !MediaType().IsMatch(contentType))
            {
                throw new GwValidationException(InvalidRequestModelErrorId, "RequestModel",
                    $"'{contentType}' is not a content type. Key each model by a content type such as application/json (or $default), e.g. @{{ 'application/json' = 'Pet' }}.");
            }
            ModelSchemaCheck.ValidName(model);
        }
    }

    /// <summary>
    /// The method's request parameters with every path variable of its resource declared as required
    /// (method.request.path.petId), which API Gateway needs before an integration may map it.
    /// </summary>
    public static IReadOnlyDictionary<string, bool> WithPathParameters(ResourcePath path, IReadOnlyDictionary<string, bool>? declared)
    {
        var result = new Dictionary<string, bool>(declared ?? new Dictionary<string, bool>(), StringComparer.Ordinal);
        foreach (var segment in path.Segments.Where(ResourcePath.IsVariable))
        {
            result.TryAdd($"method.request.path.{ResourcePath.VariableName(segment)}", true);
        }

        return result;
    }

    /// <summary>
    /// Re-running a script converges: a new method is put; an existing one is updated to what the request asks
    /// for, or answered as it is when it already has it (an empty plan).
    /// </summary>
    public static GwPlan<Method> PlanPut(RestApiResource resource, PutMethodRequest request)
    {
        var plan = new GwPlan<Method>();
        if (!resource.ResourceMethods.TryGetValue(request.HttpMethod, out var existing))
        {
            plan.Returns(plan.Add(ApiGatewayOperations.PutMethod(request)));
            return plan;
        }
        var patch = Differences(existing, request);
        if (patch.Count == 0)
        {
            plan.Returns(existing);
        }
        else
        {
            plan.Returns(plan.Add(ApiGatewayOperations.UpdateMethod(request.RestApiId, request.ResourceId, request.HttpMethod, patch)));
        }

        return plan;
    }

    /// <summary>
    /// The UpdateMethod patch that gives an existing method what the request asks for; empty when it already
    /// has it. Request parameters the request does not name are left alone.
    /// </summary>
    public static IReadOnlyList<PatchOperation> Differences(Method existing, PutMethodRequest request)
    {
        var patch = new List<PatchOperation>();
        if (existing.AuthorizationType != request.AuthorizationType)
        {
            patch.Add(new("replace", "/authorizationType", request.AuthorizationType));
        }

        if (existing.AuthorizerId != request.AuthorizerId)
        {
            patch.Add(request.AuthorizerId is null ? new("remove", "/authorizerId") : new("replace", "/authorizerId", request.AuthorizerId));
        }

        if (existing.ApiKeyRequired != request.ApiKeyRequired)
        {
            patch.Add(new("replace", "/apiKeyRequired", request.ApiKeyRequired ? "true" : "false"));
        }

        foreach (var scope in request.AuthorizationScopes is null ? [] : existing.AuthorizationScopes.Except(request.AuthorizationScopes, StringComparer.Ordinal))
        {
            patch.Add(new("remove", "/authorizationScopes", scope));
        }

        foreach (var scope in request.AuthorizationScopes?.Except(existing.AuthorizationScopes, StringComparer.Ordinal) ?? [])
        {
            patch.Add(new("add", "/authorizationScopes", scope));
        }

        if (request.OperationName is not null && existing.OperationName != request.OperationName)
        {
            patch.Add(new("replace", "/operationName", request.OperationName));
        }

        if (request.RequestValidatorId is not null && existing.RequestValidatorId != request.RequestValidatorId)
        {
            patch.Add(new("replace", "/requestValidatorId", request.RequestValidatorId));
        }

        foreach (var (contentType, model) in request.RequestModels ?? new Dictionary<string, string>())
        {
            if (existing.RequestModels.TryGetValue(contentType, out var current) && current == model)
            {
                continue;
            }

            var path = "/requestModels/" + PatchPath.Escape(contentType);
            patch.Add(existing.RequestModels.ContainsKey(contentType) ? new("replace", path, model) : new("add", path, model));
        }

        foreach (var (name, required) in request.RequestParameters ?? new Dictionary<string, bool>())
        {
            if (existing.RequestParameters.TryGetValue(name, out var current) && current == required)
            {
                continue;
            }

            var path = "/requestParameters/" + PatchPath.Escape(name);
            patch.Add(existing.RequestParameters.ContainsKey(name)
                ? new("replace", path, required ? "true" : "false")
                : new("add", path, required ? "true" : "false"));
        }
        return patch;
    }

    [GeneratedRegex(@"^method\.request\.(path|querystring|multivaluequerystring|header|multivalueheader)\.[^\s.][^\s]*$")]
    private static partial Regex RequestParameterName();

    [GeneratedRegex(@"^[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+*-]+$")]
    private static partial Regex MediaType();
}

/// <summary>JSON Patch paths as API Gateway reads them.</summary>
public static class PatchPath
{
    /// <summary>'~' becomes '~0' and '/' becomes '~1' inside one path segment (RFC 6901).</summary>
    public static string Escape(string segment) => segment.Replace("~", "~0").Replace("/", "~1");
}
