namespace ApiGatewayTools.Engine.Client;

// Inputs of the operations that take more than a few ids. Null means "leave out of the request".

public sealed record CreateRestApiRequest
{
    public required string Name { get; init; }
    public string? Description { get; init; }
    /// <summary>REGIONAL, EDGE or PRIVATE.</summary>
    public string EndpointType { get; init; } = "REGIONAL";
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
    public string? ApiKeySource { get; init; }
    public IReadOnlyList<string>? BinaryMediaTypes { get; init; }
    /// <summary>Another API may have the name (-AllowDuplicateName): a lost create is then found by a marker of the call, not by the name.</summary>
    public bool AllowDuplicateName { get; init; }
}

/// <summary>The address every method-level request starts from: which API, resource and verb.</summary>
public abstract record MethodRequest
{
    public required string RestApiId { get; init; }
    public required string ResourceId { get; init; }
    public required string HttpMethod { get; init; }
}

public sealed record PutMethodRequest : MethodRequest
{
    public string AuthorizationType { get; init; } = "NONE";
    public string? AuthorizerId { get; init; }
    public bool ApiKeyRequired { get; init; }
    public string? OperationName { get; init; }
    /// <summary>The OAuth scopes a COGNITO_USER_POOLS method requires of an access token; null leaves them as they are.</summary>
    public IReadOnlyList<string>? AuthorizationScopes { get; init; }
    /// <summary>e.g. method.request.querystring.page = false (true means required).</summary>
    public IReadOnlyDictionary<string, bool>? RequestParameters { get; init; }
    /// <summary>The id of the request validator that checks callers' requests; null leaves it as it is.</summary>
    public string? RequestValidatorId { get; init; }
    /// <summary>Content type to model name, e.g. application/json = Pet: the body's model for that content type.</summary>
    public IReadOnlyDictionary<string, string>? RequestModels { get; init; }
}

public sealed record PutMethodResponseRequest : MethodRequest
{
    public required string StatusCode { get; init; }
    public IReadOnlyDictionary<string, bool>? ResponseParameters { get; init; }
    public IReadOnlyDictionary<string, string>? ResponseModels { get; init; }
}

public sealed record PutIntegrationRequest : MethodRequest
{
    /// <summary>HTTP, HTTP_PROXY, AWS, AWS_PROXY or MOCK.</summary>
    public required string Type { get; init; }
    /// <summary>The backend's verb (AWS's integrationHttpMethod, sent as "httpMethod" in the body).</summary>
    public string? IntegrationHttpMethod { get; init; }
    public string? Uri { get; init; }
    public string? Credentials { get; init; }
    public string? PassthroughBehavior { get; init; }
    public string? ContentHandling { get; init; }
    public int? TimeoutInMillis { get; init; }
    public IReadOnlyDictionary<string, string>? RequestParameters { get; init; }
    public IReadOnlyDictionary<string, string>? RequestTemplates { get; init; }
    public IReadOnlyList<string>? CacheKeyParameters { get; init; }
}

public sealed record PutIntegrationResponseRequest : MethodRequest
{
    public required string StatusCode { get; init; }
    public string? SelectionPattern { get; init; }
    public IReadOnlyDictionary<string, string>? ResponseParameters { get; init; }
    public IReadOnlyDictionary<string, string>? ResponseTemplates { get; init; }
    /// <summary>CONVERT_TO_BINARY or CONVERT_TO_TEXT; null passes the payload through as it is.</summary>
    public string? ContentHandling { get; init; }
}

public sealed record CreateDeploymentRequest
{
    public required string RestApiId { get; init; }
    /// <summary>Creates or repoints this stage when given.</summary>
    public string? StageName { get; init; }
    public string? StageDescription { get; init; }
    public string? Description { get; init; }
    public IReadOnlyDictionary<string, string>? Variables { get; init; }
    /// <summary>Makes the deployment the stage's canary (the stage must exist) instead of what the stage serves.</summary>
    public DeploymentCanary? Canary { get; init; }
}

/// <summary>AWS's DeploymentCanarySettings: the share of requests (0.0 to 100.0) the canary takes and the stage variables it overrides.</summary>
public sealed record DeploymentCanary
{
    public required double PercentTraffic { get; init; }
    public IReadOnlyDictionary<string, string>? StageVariableOverrides { get; init; }
    public bool UseStageCache { get; init; }
}

/// <summary>One JSON Patch operation as API Gateway's Update* operations take it (paths escape '/' as '~1').</summary>
public sealed record PatchOperation(string Op, string Path, string? Value = null, string? From = null);

public sealed record AddPermissionRequest
{
    public required string FunctionName { get; init; }
    public string? Qualifier { get; init; }
    public required string StatementId { get; init; }
    public string Action { get; init; } = "lambda:InvokeFunction";
    public string Principal { get; init; } = "apigateway.amazonaws.com";
    public string? SourceArn { get; init; }
    public string? SourceAccount { get; init; }
}

public sealed record TestInvokeMethodRequest : MethodRequest
{
    /// <summary>The concrete path with any query string, e.g. /pets/42?verbose=true.</summary>
    public required string PathWithQueryString { get; init; }
    public string? Body { get; init; }
    public IReadOnlyDictionary<string, string>? Headers { get; init; }
    public IReadOnlyDictionary<string, string>? StageVariables { get; init; }
}
