using System.Globalization;
using System.Text;
using ApiGatewayTools.LocalGateway.DataPlane.Authorization;
using ApiGatewayTools.LocalGateway.State;
using ApiGatewayTools.LocalGateway.Templates;

namespace ApiGatewayTools.LocalGateway.DataPlane;

/// <summary>One request on its way through a method: what was asked, what it matched, and the stage it runs in.</summary>
internal sealed class Invocation
{
    public const string TestInvokeStage = "test-invoke-stage";

    private MappingTemplateContext? _templateContext;
    private string? _bodyText;

    public required InvocationRequest Request { get; init; }
    public required string RestApiId { get; init; }
    public required string StageName { get; init; }
    public required IReadOnlyDictionary<string, string> StageVariables { get; init; }
    public required IReadOnlyList<string> BinaryMediaTypes { get; init; }
    public required ResourceRecord Resource { get; init; }
    public required string ResourcePath { get; init; }
    public required IReadOnlyDictionary<string, string> PathParameters { get; init; }
    public required MethodRecord Method { get; init; }
    public required IntegrationRecord Integration { get; init; }
    public required string RequestId { get; init; }
    public required DateTimeOffset RequestTime { get; init; }
    /// <summary>Ends mapping-template rendering when the request is abandoned.</summary>
    public CancellationToken Cancellation { get; init; }
    /// <summary>What the method's authorizer said about the caller ($context.authorizer.*, requestContext.authorizer); null without one.</summary>
    public AuthorizerGrant? Authorizer { get; init; }
    /// <summary>Only TestInvokeMethod keeps an execution log.</summary>
    public ExecutionLog? Log { get; init; }
    /// <summary>What a Lambda function logged while serving this request (START ... REPORT), for the request log.</summary>
    public IReadOnlyList<string>? FunctionLogs { get; set; }

    public string ExtendedRequestId => ApiGatewayIds.ExtendedRequestId(RequestId);

    /// <summary>The request body as text (UTF-8), as templates and non-binary proxy events see it.</summary>
    public string BodyText => _bodyText ??= Encoding.UTF8.GetString(Request.Body);

    /// <summary>The ARN that Lambda permissions are checked against: the actual request path, without its leading slash.</summary>
    public string SourceArn =>
        $"arn:aws:execute-api:{LocalGatewayServer.Region}:{LocalGatewayServer.AccountId}:{RestApiId}/{StageName}/{Request.HttpMethod}/{Request.Path.TrimStart('/')}";

    /// <summary>The $context variables, keyed by their dotted names.</summary>
    public Dictionary<string, object?> ContextVariables()
    {
        var variables = BaseContextVariables();
        if (Authorizer is { } authorizer)
        {
            foreach (var (name, value) in authorizer.Variables())
            {
                variables["authorizer." + name] = value;
            }
        }
        return variables;
    }

    private Dictionary<string, object?> BaseContextVariables() => new(StringComparer.Ordinal)
    {
        ["accountId"] = LocalGatewayServer.AccountId,
        ["apiId"] = RestApiId,
        ["domainName"] = Request.Host ?? "",
        ["extendedRequestId"] = ExtendedRequestId,
        ["httpMethod"] = Request.HttpMethod,
        ["identity.sourceIp"] = Request.SourceIp,
        ["identity.userAgent"] = Request.UserAgent,
        ["path"] = StagePath,
        ["protocol"] = Request.Protocol,
        ["requestId"] = RequestId,
        ["requestTime"] = RequestTimeText,
        ["requestTimeEpoch"] = RequestTime.ToUnixTimeMilliseconds(),
        ["resourceId"] = Resource.Id,
        ["resourcePath"] = ResourcePath,
        ["stage"] = StageName,
    };

    /// <summary>The path as $context.path and the proxy event's requestContext.path report it: with the stage in front.</summary>
    public string StagePath => "/" + StageName + Request.Path;

    /// <summary>CLF-formatted, e.g. 25/Nov/2026:01:34:11 +0000.</summary>
    public string RequestTimeText => RequestTime.ToString("dd/MMM/yyyy:HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    /// <summary>What a request template sees: the method request's body and parameters.</summary>
    public MappingTemplateContext RequestTemplateContext() => _templateContext ??= TemplateContext(BodyText);

    /// <summary>What a response template sees: the integration response's body, with the same parameters and context.</summary>
    public MappingTemplateContext ResponseTemplateContext(string integrationResponseBody, ResponseOverride? responseOverride = null)
    {
        var request = RequestTemplateContext();
        return new MappingTemplateContext
        {
            Body = integrationResponseBody,
            PathParameters = request.PathParameters,
            QueryStringParameters = request.QueryStringParameters,
            MultiValueQueryStringParameters = request.MultiValueQueryStringParameters,
            Headers = request.Headers,
            MultiValueHeaders = request.MultiValueHeaders,
            Context = request.Context,
            StageVariables = request.StageVariables,
            ResponseOverride = responseOverride,
            Cancellation = Cancellation,
        };
    }

    private MappingTemplateContext TemplateContext(string body)
    {
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        var multiQuery = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (name, value) in Request.Query)
        {
            query[name] = value;
            if (!multiQuery.TryGetValue(name, out var values))
            {
                multiQuery[name] = values = [];
            }
            values.Add(value);
        }
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var multiHeaders = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in Request.Headers.AllKeys)
        {
            if (name is null)
            {
                continue;
            }
            var values = Request.Headers.GetValues(name) ?? [];
            headers[name] = values.Length > 0 ? values[^1] : "";
            multiHeaders[name] = values;
        }
        return new MappingTemplateContext
        {
            Body = body,
            PathParameters = PathParameters,
            QueryStringParameters = query,
            MultiValueQueryStringParameters = multiQuery.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<string>)pair.Value, StringComparer.Ordinal),
            Headers = headers,
            MultiValueHeaders = multiHeaders,
            Context = ContextVariables(),
            StageVariables = StageVariables,
            Cancellation = Cancellation,
        };
    }

    /// <summary>
    /// Renders a mapping template. Only '$' and '#' start anything in a template, so text without them is
    /// its own output: the common fixed bodies (e.g. {"statusCode": 200}) skip building a template context.
    /// </summary>
    public static string Render(string template, Func<MappingTemplateContext> context) =>
        template.AsSpan().IndexOfAny('$', '#') < 0 ? template : MappingTemplate.Render(template, context());
}

/// <summary>Identifiers shaped like API Gateway's, derived from the request id.</summary>
internal static class ApiGatewayIds
{
    /// <summary>The x-amz-apigw-id / extendedRequestId: 16 base64 characters, as API Gateway's look.</summary>
    public static string ExtendedRequestId(string requestId)
    {
        Span<byte> bytes = stackalloc byte[16];
        var guid = Guid.TryParse(requestId, out var parsed) ? parsed : Guid.Empty;
        guid.TryWriteBytes(bytes);
        return Convert.ToBase64String(bytes[..11]).Replace('/', '_').Replace('+', '-');
    }
}
