namespace ApiGatewayTools.Engine.Models;

/// <summary>An authorizer of a REST API: a Lambda function (TOKEN or REQUEST) or Cognito user pools that decide who may call its methods.</summary>
public sealed record Authorizer : GwObject
{
    public string RestApiId { get; init; } = "";
    public string AuthorizerId { get; init; } = "";
    public string Name { get; init; } = "";
    /// <summary>TOKEN, REQUEST or COGNITO_USER_POOLS.</summary>
    public string Type { get; init; } = "";
    /// <summary>The Lambda invocation URI of a TOKEN or REQUEST authorizer.</summary>
    public string? AuthorizerUri { get; init; }
    /// <summary>The user pools of a COGNITO_USER_POOLS authorizer.</summary>
    public IReadOnlyList<string> ProviderArns { get; init; } = [];
    /// <summary>Where the caller's identity comes from, comma-separated (method.request.header.Authorization, ...).</summary>
    public string? IdentitySource { get; init; }
    /// <summary>A TOKEN authorizer's regular expression; a token that does not match is refused without calling the function.</summary>
    public string? IdentityValidationExpression { get; init; }
    /// <summary>How long a decision is cached per identity (0 to 3600 s; 0: not cached).</summary>
    public int? AuthorizerResultTtlInSeconds { get; init; }
    public string? AuthorizerCredentials { get; init; }
    public string? AuthType { get; init; }

    public override string ToString() => $"{Name} ({AuthorizerId})";
}

/// <summary>What TestInvokeAuthorizer answered: the decision the authorizer made for the identity given.</summary>
public sealed record AuthorizerTestResult : GwObject
{
    public string RestApiId { get; init; } = "";
    public string AuthorizerId { get; init; } = "";
    /// <summary>200 when the authorizer answered, 401 when it refused the identity, 500 when it failed.</summary>
    public int ClientStatus { get; init; }
    public string? PrincipalId { get; init; }
    /// <summary>The IAM policy a Lambda authorizer returned, as JSON.</summary>
    public string? Policy { get; init; }
    /// <summary>The claims of a Cognito token.</summary>
    public IReadOnlyDictionary<string, string> Claims { get; init; } = new Dictionary<string, string>();
    public string? Log { get; init; }
    public long Latency { get; init; }

    public override string ToString() => $"{ClientStatus} {PrincipalId}".TrimEnd();
}
