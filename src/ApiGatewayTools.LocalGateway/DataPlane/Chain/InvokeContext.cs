using System.Net;
using ApiGatewayTools.LocalGateway.DataPlane.Authorization;
using ApiGatewayTools.LocalGateway.DataPlane.Policies;
using ApiGatewayTools.LocalGateway.DataPlane.Practices;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway.DataPlane.Chain;

/// <summary>
/// One invoke-URL request on its way through the <see cref="InvokeChain"/>: what the client sent, and what
/// each stage has learned about it so far. A stage reads what earlier stages set and sets what it finds.
/// </summary>
internal sealed class InvokeContext
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> NoMethodSettings =
        new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);

    private readonly HttpListenerContext? _http;
    private byte[]? _body;
    private DeployedStage? _stage;
    private InvocationRequest? _request;
    private ResourceMatch? _match;
    private MethodRecord? _method;

    public InvokeContext(HttpListenerContext http, InvokeTarget target, string requestId)
        : this(target, requestId, http)
    {
    }

    private InvokeContext(InvokeTarget target, string requestId, HttpListenerContext? http)
    {
        _http = http;
        Target = target;
        RequestId = requestId;
    }

    /// <summary>
    /// A TestInvokeMethod run seen as a routed request, so that the stages after routing (request validation)
    /// check it exactly as they check an invoke URL's. It has no listener request: only stages that read
    /// what routing sets may run on it. The method runs in its API's current definition, in test-invoke-stage.
    /// </summary>
    public static InvokeContext ForTestInvoke(Invocation invocation, DeploymentSnapshot current) =>
        new(new InvokeTarget(invocation.RestApiId, invocation.StageName, invocation.Request.Path, invocation.Request.RawQuery), invocation.RequestId, http: null)
        {
            Body = invocation.Request.Body,
            Stage = new DeployedStage(invocation.RestApiId, invocation.StageName, "", current, invocation.StageVariables, NoMethodSettings, ExecuteApiEndpointDisabled: false),
            Request = invocation.Request,
            Match = new ResourceMatch(invocation.Resource, invocation.ResourcePath, invocation.PathParameters),
            Method = invocation.Method,
        };

    /// <summary>The listener request behind an invoke URL's request; a test invocation has none.</summary>
    public HttpListenerContext Http => _http ?? throw new InvalidOperationException("A test invocation has no listener request; only the stages after routing run on it.");
    public InvokeTarget Target { get; }
    public string RequestId { get; }

    /// <summary>
    /// Cancelled when the client has closed its connection (or the gateway stops): mapping templates stop rendering
    /// for nobody. Backends are not cancelled by it; API Gateway lets an integration finish too.
    /// </summary>
    public CancellationToken ClientGone { get; set; }

    /// <summary>The request body, at most API Gateway's payload limit; set by <see cref="RequestBodyLimit"/>.</summary>
    public byte[] Body { get => _body ?? throw NotYet(nameof(Body)); set => _body = value; }

    /// <summary>The stage the invoke URL names, serving its deployment; set by <see cref="DeployedStageLookup"/>.</summary>
    public DeployedStage Stage { get => _stage ?? throw NotYet(nameof(Stage)); set => _stage = value; }

    /// <summary>The method request as the integration sees it; set by <see cref="RouteToMethod"/>.</summary>
    public InvocationRequest Request { get => _request ?? throw NotYet(nameof(Request)); set => _request = value; }

    /// <summary>The deployed resource the path matched; set by <see cref="RouteToMethod"/>, even when it has no method for the verb.</summary>
    public ResourceMatch Match { get => _match ?? throw NotYet(nameof(Match)); set => _match = value; }

    /// <summary>The method that serves the request (it has an integration); set by <see cref="RouteToMethod"/>.</summary>
    public MethodRecord Method { get => _method ?? throw NotYet(nameof(Method)); set => _method = value; }

    /// <summary>What the method's authorizer said about the caller, once it has allowed the request; null without an authorizer.</summary>
    public AuthorizerGrant? Authorizer { get; set; }

    /// <summary>
    /// The API key an authorizer answered as its usageIdentifierKey; set by the authorizer stage, read by
    /// <see cref="ApiKeyStage"/> when the API's key source is AUTHORIZER. Null when no authorizer gave one.
    /// </summary>
    public string? UsageIdentifierKey { get; set; }

    /// <summary>The id of the API key that <see cref="ApiKeyStage"/> accepted ($context.identity.apiKeyId); null when none was checked.</summary>
    public string? ApiKeyId { get; set; }

    /// <summary>Who is calling, for the resource policy: anonymous unless <see cref="SignatureCheck"/> verified an AWS_IAM signature.</summary>
    public PolicyCaller Caller { get; set; } = PolicyCaller.Anonymous;

    /// <summary>What the API's resource policy decided for this request; null when the API has none (or it has not been asked yet).</summary>
    public PolicyDecision? ResourcePolicy { get; set; }

    /// <summary>The integration type that ran, once a request reaches its integration.</summary>
    public string? IntegrationType { get; set; }

    /// <summary>What a Lambda integration's function logged, once it has run.</summary>
    public IReadOnlyList<string>? FunctionLogs { get; set; }

    /// <summary>How long the integration took (mapping included); null when the request never reached it.</summary>
    public TimeSpan? IntegrationLatency { get; set; }

    /// <summary>The gateway response that answered instead of the method, once the chain has answered; null when the method did.</summary>
    public GatewayFailure? GatewayFailure { get; set; }

    /// <summary>Whether <see cref="CanarySplit"/> sent the request to the stage's canary.</summary>
    public bool Canary { get; set; }

    /// <summary>Whether the stage cache answered (a hit) or was asked and could not (a miss); null when the method does not cache.</summary>
    public CacheOutcome? Cache { get; set; }

    /// <summary>Whether the caller's Cache-Control: max-age=0 was ignored and the answer says so in a Warning header.</summary>
    public bool CacheControlIgnored { get; set; }

    /// <summary>Where <see cref="ResponseCacheStage"/> keeps the integration's answer, once there is one; null when it is not to be kept.</summary>
    public PendingCacheEntry? CacheStore { get; set; }

    // What the request log, the access log and the metrics report: only what the request got far enough to learn.
    public string? StageName => _stage?.StageName;
    public string? ResourcePath => _match?.ResourcePath;
    public DeployedStage? FoundStage => _stage;
    public InvocationRequest? FoundRequest => _request;
    public ResourceMatch? FoundMatch => _match;
    public MethodRecord? FoundMethod => _method;

    private static InvalidOperationException NotYet(string what) =>
        new($"{what} is read before the stage that sets it has run: the invoke chain is out of order.");
}
