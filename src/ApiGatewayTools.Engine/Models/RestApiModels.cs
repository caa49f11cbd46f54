using System.Globalization;

namespace ApiGatewayTools.Engine.Models;

/// <summary>Every object the module outputs carries the connection it came from.</summary>
public abstract record GwObject
{
    public GwConnection Connection { get; init; } = null!;
}

public sealed record RestApi : GwObject
{
    public string RestApiId { get; init; } = "";
    public string Name { get; init; } = "";
    public string? Description { get; init; }
    /// <summary>The marker of the engine call that made this API with -AllowDuplicateName (<see cref="Internal.CallMarker"/>), if any.</summary>
    internal string? MadeByCall { get; init; }
    public DateTimeOffset? CreatedDate { get; init; }
    public string? Version { get; init; }
    /// <summary>REGIONAL, EDGE or PRIVATE (AWS's endpointConfiguration.types[0]).</summary>
    public string? EndpointType { get; init; }
    public string? ApiKeySource { get; init; }
    public string? RootResourceId { get; init; }
    public bool DisableExecuteApiEndpoint { get; init; }
    public IReadOnlyList<string> BinaryMediaTypes { get; init; } = [];
    /// <summary>Answers at least this many bytes are compressed when the client accepts it; null: compression is off.</summary>
    public int? MinimumCompressionSize { get; init; }
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
    /// <summary>Who may call the API's invoke URLs (read from AWS's escaped string); null without a resource policy.</summary>
    public ResourcePolicy? Policy { get; init; }
    /// <summary>What ImportRestApi or PutRestApi could not take from the document (empty for every other answer).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public override string ToString() => $"{Name} ({RestApiId})";
}

public sealed record RestApiResource : GwObject
{
    public string RestApiId { get; init; } = "";
    public string ResourceId { get; init; } = "";
    public string? ParentId { get; init; }
    public string? PathPart { get; init; }
    public string Path { get; init; } = "";
    /// <summary>The HTTP verbs that have a method on this resource, sorted.</summary>
    public IReadOnlyList<string> HttpMethods { get; init; } = [];
    /// <summary>
    /// The methods by verb as GetResources embeds them (with integration and responses); a method AWS named
    /// without embedding reads as its defaults.
    /// </summary>
    public IReadOnlyDictionary<string, Method> ResourceMethods { get; init; } = new Dictionary<string, Method>();

    /// <summary>The same resource with a method added or replaced.</summary>
    public RestApiResource WithMethod(Method method)
    {
        var methods = new Dictionary<string, Method>(ResourceMethods, StringComparer.Ordinal) { [method.HttpMethod] = method with { Path = Path } };
        return this with { ResourceMethods = methods, HttpMethods = methods.Keys.Order(StringComparer.Ordinal).ToList() };
    }

    /// <summary>The same resource without the method of this verb.</summary>
    public RestApiResource WithoutMethod(string httpMethod)
    {
        var methods = ResourceMethods.Where(m => m.Key != httpMethod).ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
        return this with { ResourceMethods = methods, HttpMethods = HttpMethods.Where(v => v != httpMethod).ToList() };
    }

    public override string ToString() => Path;
}

public sealed record MethodResponse : GwObject
{
    public string RestApiId { get; init; } = "";
    public string ResourceId { get; init; } = "";
    /// <summary>The resource's path; filled in by the cmdlets that know it, null when unknown.</summary>
    public string? Path { get; init; }
    public string HttpMethod { get; init; } = "";
    public string StatusCode { get; init; } = "";
    public IReadOnlyDictionary<string, bool> ResponseParameters { get; init; } = new Dictionary<string, bool>();
    public IReadOnlyDictionary<string, string> ResponseModels { get; init; } = new Dictionary<string, string>();

    public override string ToString() => StatusCode;
}

public sealed record Method : GwObject
{
    public string RestApiId { get; init; } = "";
    public string ResourceId { get; init; } = "";
    /// <summary>The resource's path; filled in by the engine's path-aware helpers, null when unknown.</summary>
    public string? Path { get; init; }
    public string HttpMethod { get; init; } = "";
    public string AuthorizationType { get; init; } = "NONE";
    public string? AuthorizerId { get; init; }
    public bool ApiKeyRequired { get; init; }
    public string? OperationName { get; init; }
    public string? RequestValidatorId { get; init; }
    public IReadOnlyDictionary<string, bool> RequestParameters { get; init; } = new Dictionary<string, bool>();
    public IReadOnlyDictionary<string, string> RequestModels { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<string> AuthorizationScopes { get; init; } = [];
    public IReadOnlyDictionary<string, MethodResponse> MethodResponses { get; init; } = new Dictionary<string, MethodResponse>();
    /// <summary>The integration embedded in GetMethod's answer, if any.</summary>
    public Integration? Integration { get; init; }

    public override string ToString() => $"{HttpMethod} {Path ?? ResourceId}";
}

public sealed record IntegrationResponse : GwObject
{
    public string RestApiId { get; init; } = "";
    public string ResourceId { get; init; } = "";
    /// <summary>The resource's path; filled in by the cmdlets that know it, null when unknown.</summary>
    public string? Path { get; init; }
    public string HttpMethod { get; init; } = "";
    public string StatusCode { get; init; } = "";
    public string? SelectionPattern { get; init; }
    public string? ContentHandling { get; init; }
    public IReadOnlyDictionary<string, string> ResponseParameters { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> ResponseTemplates { get; init; } = new Dictionary<string, string>();

    public override string ToString() => string.IsNullOrEmpty(SelectionPattern) ? $"{StatusCode} (default)" : $"{StatusCode} <- {SelectionPattern}";
}

public sealed record Integration : GwObject
{
    public string RestApiId { get; init; } = "";
    public string ResourceId { get; init; } = "";
    public string? Path { get; init; }
    /// <summary>The method's verb (the binding name); the backend's verb is <see cref="IntegrationHttpMethod"/>.</summary>
    public string HttpMethod { get; init; } = "";
    /// <summary>HTTP, HTTP_PROXY, AWS, AWS_PROXY or MOCK.</summary>
    public string Type { get; init; } = "";
    public string? IntegrationHttpMethod { get; init; }
    public string? Uri { get; init; }
    public string? ConnectionType { get; init; }
    public string? ConnectionId { get; init; }
    public string? Credentials { get; init; }
    public string? PassthroughBehavior { get; init; }
    public string? ContentHandling { get; init; }
    public int? TimeoutInMillis { get; init; }
    public string? CacheNamespace { get; init; }
    public IReadOnlyList<string> CacheKeyParameters { get; init; } = [];
    public IReadOnlyDictionary<string, string> RequestParameters { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> RequestTemplates { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, IntegrationResponse> IntegrationResponses { get; init; } = new Dictionary<string, IntegrationResponse>();

    /// <summary>Where requests go, in a few words: "HTTP GET http://…", "AWS_PROXY Lambda myFunction", "MOCK".</summary>
    public string Target => Domain.IntegrationTarget.Describe(this);

    public override string ToString() => $"{HttpMethod} {Path ?? ResourceId} -> {Target}";
}

public sealed record Deployment : GwObject
{
    public string RestApiId { get; init; } = "";
    public string DeploymentId { get; init; } = "";
    /// <summary>The description as the user wrote it (without the marker of the call that made it).</summary>
    public string? Description { get; init; }
    /// <summary>The marker of the engine call that made this deployment (<see cref="Internal.CallMarker"/>), if any.</summary>
    internal string? MadeByCall { get; init; }
    public DateTimeOffset? CreatedDate { get; init; }
    /// <summary>The stages serving this deployment (filled by Get-GwDeployment; AWS's Deployment does not say).</summary>
    public IReadOnlyList<string> Stages { get; init; } = [];
    /// <summary>The stages trying this deployment out as their canary.</summary>
    public IReadOnlyList<string> CanaryStages { get; init; } = [];

    public override string ToString() => DeploymentId;
}

public sealed record Stage : GwObject
{
    public string RestApiId { get; init; } = "";
    public string StageName { get; init; } = "";
    public string? DeploymentId { get; init; }
    public string? Description { get; init; }
    public DateTimeOffset? CreatedDate { get; init; }
    public DateTimeOffset? LastUpdatedDate { get; init; }
    public bool CacheClusterEnabled { get; init; }
    public string? CacheClusterSize { get; init; }
    /// <summary>AVAILABLE, CREATE_IN_PROGRESS, DELETE_IN_PROGRESS, NOT_AVAILABLE, FLUSH_IN_PROGRESS.</summary>
    public string? CacheClusterStatus { get; init; }
    public bool TracingEnabled { get; init; }
    public string? DocumentationVersion { get; init; }
    public string? WebAclArn { get; init; }
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();
    /// <summary>Per-method settings, one object per key of AWS's methodSettings ("*/*" applies to every method).</summary>
    public IReadOnlyList<StageMethodSetting> MethodSettings { get; init; } = [];
    /// <summary>The stage's canary release; null when it has none.</summary>
    public StageCanary? Canary { get; init; }
    public string? AccessLogFormat { get; init; }
    public string? AccessLogDestinationArn { get; init; }
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
    /// <summary>Where clients call this stage: AWS's execute-api URL, or the local gateway's form on a custom endpoint.</summary>
    public string InvokeUrl { get; init; } = "";

    public override string ToString() => $"{StageName} -> {DeploymentId}";
}

/// <summary>
/// One entry of a stage's methodSettings. <see cref="Key"/> is AWS's key ("*/*", or the resource path with '/'
/// escaped as "~1" and the verb: "~1pets~1{petId}/GET"); <see cref="MethodPath"/> reads it as "GET /pets/{petId}"
/// ("* *" for every method).
/// </summary>
public sealed record StageMethodSetting : GwObject
{
    public string RestApiId { get; init; } = "";
    public string StageName { get; init; } = "";
    public string Key { get; init; } = "";
    public string MethodPath { get; init; } = "";
    public bool MetricsEnabled { get; init; }
    public string? LoggingLevel { get; init; }
    public bool DataTraceEnabled { get; init; }
    public int? ThrottlingBurstLimit { get; init; }
    public double? ThrottlingRateLimit { get; init; }
    public bool CachingEnabled { get; init; }
    public int? CacheTtlInSeconds { get; init; }
    public bool CacheDataEncrypted { get; init; }
    public bool RequireAuthorizationForCacheControl { get; init; }
    public string? UnauthorizedCacheControlHeaderStrategy { get; init; }

    /// <summary>The settings in a few words: "throttle 100/s burst 50, cache 300 s, logging INFO, metrics".</summary>
    public string Summary
    {
        get
        {
            var parts = new List<string>();
            if (ThrottlingRateLimit is not null || ThrottlingBurstLimit is not null)
            {
                parts.Add($"throttle {ThrottlingRateLimit?.ToString(CultureInfo.InvariantCulture) ?? "-"}/s burst {ThrottlingBurstLimit?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
            }

            if (CachingEnabled)
            {
                parts.Add($"cache {CacheTtlInSeconds?.ToString(CultureInfo.InvariantCulture) ?? "300"} s{(CacheDataEncrypted ? " encrypted" : "")}");
            }

            if (LoggingLevel is { } level && level != "OFF")
            {
                parts.Add($"logging {level}{(DataTraceEnabled ? " + data trace" : "")}");
            }

            if (MetricsEnabled)
            {
                parts.Add("metrics");
            }

            return parts.Count == 0 ? "defaults" : string.Join(", ", parts);
        }
    }

    public override string ToString() => MethodPath;
}

/// <summary>A stage's canary release: the deployment a share of requests goes to, and the variables it overrides.</summary>
public sealed record StageCanary : GwObject
{
    public string? DeploymentId { get; init; }
    public double PercentTraffic { get; init; }
    public IReadOnlyDictionary<string, string> StageVariableOverrides { get; init; } = new Dictionary<string, string>();
    public bool UseStageCache { get; init; }

    public override string ToString() => $"{PercentTraffic}% -> {DeploymentId}";
}

/// <summary>What Publish-GwDeployment returns: the new deployment and the stage now serving it.</summary>
public sealed record DeploymentResult : GwObject
{
    public string RestApiId { get; init; } = "";
    public string DeploymentId { get; init; } = "";
    public string StageName { get; init; } = "";
    public string? Description { get; init; }
    public DateTimeOffset? CreatedDate { get; init; }
    public string InvokeUrl { get; init; } = "";
    public bool StageCreated { get; init; }
    /// <summary>The stage's canary after publishing; the new deployment is its DeploymentId when published with -CanaryPercent.</summary>
    public StageCanary? Canary { get; init; }
    /// <summary>The documentation version the stage publishes (Publish-GwDeployment -DocumentationVersion).</summary>
    public string? DocumentationVersion { get; init; }

    public override string ToString() => Canary?.DeploymentId == DeploymentId
        ? $"{StageName} canary {Canary.PercentTraffic}% -> {DeploymentId} ({InvokeUrl})"
        : $"{StageName} -> {DeploymentId} ({InvokeUrl})";
}

/// <summary>What TestInvokeMethod reports: the response the method would give, with API Gateway's execution log.</summary>
public sealed record TestInvokeResult : GwObject
{
    public string RestApiId { get; init; } = "";
    public string ResourceId { get; init; } = "";
    public string HttpMethod { get; init; } = "";
    public string PathWithQueryString { get; init; } = "";
    public int Status { get; init; }
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, IReadOnlyList<string>> MultiValueHeaders { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    public string? Body { get; init; }
    /// <summary>How long the invocation took, as API Gateway measured it.</summary>
    public TimeSpan Latency { get; init; }
    public string? Log { get; init; }

    public override string ToString() => $"{Status} {HttpMethod} {PathWithQueryString}";
}
