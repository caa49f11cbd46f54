using ApiGatewayTools.Engine.Client;
using ApiGatewayTools.Engine.Errors;
using ApiGatewayTools.Engine.Models;

namespace ApiGatewayTools.Engine.Domain;

public static class MethodWorkflow
{
    public const string AuthorizerRequiredErrorId = "AuthorizerIdRequired";

    public static void ValidateAuthorization(string authorizationType, string? authorizerId)
    {
        var needsAuthorizer = authorizationType is "CUSTOM" or "COGNITO_USER_POOLS";
        if (needsAuthorizer && string.IsNullOrEmpty(authorizerId))
            throw new GwValidationException(AuthorizerRequiredErrorId, "AuthorizerId", $"Authorization type {authorizationType} needs -AuthorizerId: the id of the authorizer that checks callers.");
        if (!needsAuthorizer && !string.IsNullOrEmpty(authorizerId))
            throw new GwValidationException(AuthorizerRequiredErrorId, "AuthorizerId", $"-AuthorizerId only applies with -AuthorizationType CUSTOM or COGNITO_USER_POOLS, not {authorizationType}.");
    }

    /// <summary>
    /// The method's request parameters with every path variable of its resource declared as required
    /// (method.request.path.petId), which API Gateway needs before an integration may map it.
    /// </summary>
    public static IReadOnlyDictionary<string, bool> WithPathParameters(ResourcePath path, IReadOnlyDictionary<string, bool>? declared)
    {
        var result = new Dictionary<string, bool>(declared ?? new Dictionary<string, bool>(), StringComparer.Ordinal);
        foreach (var segment in path.Segments.Where(ResourcePath.IsVariable))
            result.TryAdd($"method.request.path.{segment.Trim('{', '}').TrimEnd('+')}", true);
        return result;
    }

    /// <summary>True when an existing method already has what the request asks for.</summary>
    public static bool Matches(Method existing, PutMethodRequest request) =>
        existing.AuthorizationType == request.AuthorizationType
        && existing.AuthorizerId == request.AuthorizerId
        && existing.ApiKeyRequired == request.ApiKeyRequired
        && (request.OperationName is null || existing.OperationName == request.OperationName)
        && (request.RequestParameters ?? new Dictionary<string, bool>()).All(p => existing.RequestParameters.TryGetValue(p.Key, out var required) && required == p.Value);
}
