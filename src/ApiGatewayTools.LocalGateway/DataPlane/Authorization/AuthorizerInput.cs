using ApiGatewayTools.LocalGateway.ControlPlane;

namespace ApiGatewayTools.LocalGateway.DataPlane.Authorization;

/// <summary>
/// What an authorizer sees of one request: the method request, where it is going, and the method's scopes.
/// Built by the invoke chain for a deployed method and by TestInvokeAuthorizer for an identity given by hand.
/// </summary>
internal sealed record AuthorizerInput
{
    public required AuthorizerRecord Authorizer { get; init; }
    public required InvocationRequest Request { get; init; }
    public required string RestApiId { get; init; }
    public required string StageName { get; init; }
    public required IReadOnlyDictionary<string, string> StageVariables { get; init; }
    public required string ResourcePath { get; init; }
    public string? ResourceId { get; init; }
    public required IReadOnlyDictionary<string, string> PathParameters { get; init; }
    /// <summary>The method's authorization scopes: a Cognito access token must hold one of them.</summary>
    public IReadOnlyList<string> AuthorizationScopes { get; init; } = [];
    public required string RequestId { get; init; }

    /// <summary>arn:aws:execute-api:{region}:{account}:{api}/{stage}/{VERB}/{path}: what the authorizer's policy is evaluated against.</summary>
    public string MethodArn =>
        $"arn:aws:execute-api:{LocalGatewayServer.Region}:{LocalGatewayServer.AccountId}:{RestApiId}/{StageName}/{Request.HttpMethod}/{Request.Path.TrimStart('/')}";

    /// <summary>The SourceArn Lambda checks the authorizer function's permission against.</summary>
    public string AuthorizerSourceArn =>
        $"arn:aws:execute-api:{LocalGatewayServer.Region}:{LocalGatewayServer.AccountId}:{RestApiId}/authorizers/{Authorizer.Id}";

    /// <summary>One identity source's value for this request; null or empty when the request does not carry it.</summary>
    public string? IdentityValue(string source)
    {
        const string Header = "method.request.header.", Query = "method.request.querystring.", StageVariable = "stageVariables.", Context = "context.";
        if (source.StartsWith(Header, StringComparison.Ordinal))
        {
            return Request.Headers[source[Header.Length..]];
        }
        if (source.StartsWith(Query, StringComparison.Ordinal))
        {
            var name = source[Query.Length..];
            return Request.Query.LastOrDefault(pair => pair.Key == name).Value;
        }
        if (source.StartsWith(StageVariable, StringComparison.Ordinal))
        {
            return StageVariables.GetValueOrDefault(source[StageVariable.Length..]);
        }
        if (source.StartsWith(Context, StringComparison.Ordinal))
        {
            return source[Context.Length..] switch
            {
                "httpMethod" => Request.HttpMethod,
                "identity.sourceIp" => Request.SourceIp,
                "identity.userAgent" => Request.UserAgent,
                "stage" => StageName,
                "resourcePath" => ResourcePath,
                "path" => "/" + StageName + Request.Path,
                "apiId" => RestApiId,
                "requestId" => RequestId,
                _ => null,
            };
        }
        return null;
    }
}
