using System.Text.Encodings.Web;
using System.Text.Json;
using ApiGatewayTools.LocalGateway.ControlPlane;
using ApiGatewayTools.LocalGateway.State;
using ApiGatewayTools.LocalGateway.Templates;

namespace ApiGatewayTools.LocalGateway.DataPlane.Chain;

/// <summary>
/// Where a gateway-side failure becomes what the client sees. Every answer of the invoke chain and of
/// TestInvokeMethod passes through here: the API's customised gateway response for the failure's type if it has
/// one, else its DEFAULT_4XX or DEFAULT_5XX by the failure's status class, else API Gateway's default response.
/// A customised response sets the status code, headers (static or mapped from the request) and body (its
/// template, rendered with the request's $context, $input.params and $stageVariables).
/// </summary>
internal sealed class GatewayResponses
{
    private const string HeaderPrefix = "gatewayresponse.header.";

    private static readonly JsonSerializerOptions QuotedText = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>An invoke URL's answer: the customisations are the ones the serving deployment froze.</summary>
    public MethodResult Answer(MethodResult result, InvokeContext context) =>
        result.GatewayFailure is { } failure && context.FoundStage?.Snapshot.GatewayResponses is { Count: > 0 } customised
            ? Customised(result, failure, customised, () => TemplateContext(context, failure))
            : Default(result);

    /// <summary>TestInvokeMethod's answer: the customisations are the API's current ones, as the method itself is.</summary>
    public MethodResult Answer(MethodResult result, Invocation invocation, IReadOnlyDictionary<string, GatewayResponseRecord> customised) =>
        result.GatewayFailure is { } failure && customised.Count > 0
            ? Customised(result, failure, customised, () => WithError(invocation.RequestTemplateContext(), failure))
            : Default(result);

    /// <summary>API Gateway's default gateway response: its status, error type and body, nothing else.</summary>
    private static MethodResult Default(MethodResult result) =>
        result.GatewayFailure is { } failure
            ? new MethodResult(failure.StatusCode,
                [new("Content-Type", "application/json"), new("x-amzn-ErrorType", failure.ErrorType)],
                failure.Body,
                result.Failure)
            : result;

    private static MethodResult Customised(MethodResult result, GatewayFailure failure,
        IReadOnlyDictionary<string, GatewayResponseRecord> customised, Func<MappingTemplateContext> request)
    {
        customised.TryGetValue(failure.ResponseType.Name, out var own);
        customised.TryGetValue(GatewayResponseType.FallbackFor(failure.StatusCode).Name, out var fallback);
        if ((own ?? fallback) is not { } response)
        {
            return Default(result);
        }
        // A DEFAULT_* status code applies to every type of its class that does not set its own.
        var status = int.TryParse(own?.StatusCode ?? fallback?.StatusCode, out var code) ? code : failure.StatusCode;
        MappingTemplateContext? context = null;
        MappingTemplateContext Context() => context ??= request();

        var (contentType, body) = Body(response, failure, Context);
        List<KeyValuePair<string, string>> headers = [new("Content-Type", contentType), new("x-amzn-ErrorType", failure.ErrorType)];
        foreach (var (key, expression) in response.ResponseParameters)
        {
            if (key.StartsWith(HeaderPrefix, StringComparison.Ordinal) && HeaderValue(expression, Context) is { } value)
            {
                headers.RemoveAll(header => string.Equals(header.Key, key[HeaderPrefix.Length..], StringComparison.OrdinalIgnoreCase));
                headers.Add(new(key[HeaderPrefix.Length..], value));
            }
        }
        return new MethodResult(status, headers, body, result.Failure);
    }

    /// <summary>The JSON template if there is one, else the first; the failure's default body when the response has none or it cannot render.</summary>
    private static (string ContentType, byte[] Body) Body(GatewayResponseRecord response, GatewayFailure failure, Func<MappingTemplateContext> context)
    {
        var template = response.ResponseTemplates.TryGetValue("application/json", out var json)
            ? KeyValuePair.Create("application/json", json)
            : response.ResponseTemplates.FirstOrDefault();
        if (template.Value is null)
        {
            return ("application/json", failure.Body);
        }
        try
        {
            return (template.Key, System.Text.Encoding.UTF8.GetBytes(Invocation.Render(template.Value, context)));
        }
        catch (MappingTemplateException)
        {
            return ("application/json", failure.Body);
        }
    }

    /// <summary>A response parameter's value: a quoted static text, or a value of the failed request (null when it has none).</summary>
    private static string? HeaderValue(string expression, Func<MappingTemplateContext> context)
    {
        if (expression.Length >= 2 && expression[0] == '\'' && expression[^1] == '\'')
        {
            return expression[1..^1];
        }
        var request = context();
        return Split(expression) switch
        {
            ("method.request.header.", var name) => request.Headers.GetValueOrDefault(name),
            ("method.request.querystring.", var name) => request.QueryStringParameters.GetValueOrDefault(name),
            ("method.request.path.", var name) => request.PathParameters.GetValueOrDefault(name),
            ("method.request.multivalueheader.", var name) => request.MultiValueHeaders.TryGetValue(name, out var values) ? string.Join(",", values) : null,
            ("method.request.multivaluequerystring.", var name) => request.MultiValueQueryStringParameters.TryGetValue(name, out var values) ? string.Join(",", values) : null,
            ("stageVariables.", var name) => request.StageVariables.GetValueOrDefault(name),
            ("context.", var name) => request.Context.GetValueOrDefault(name) is { } value ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) : null,
            _ => null,
        };
    }

    private static (string Prefix, string Name) Split(string expression)
    {
        foreach (var prefix in (ReadOnlySpan<string>)["method.request.header.", "method.request.querystring.", "method.request.path.",
            "method.request.multivalueheader.", "method.request.multivaluequerystring.", "stageVariables.", "context."])
        {
            if (expression.StartsWith(prefix, StringComparison.Ordinal))
            {
                return (prefix, expression[prefix.Length..]);
            }
        }
        return ("", expression);
    }

    /// <summary>What a gateway response template sees of an invoke-URL request: as far as the request got before it failed.</summary>
    private static MappingTemplateContext TemplateContext(InvokeContext context, GatewayFailure failure)
    {
        var http = context.Http.Request;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var multiHeaders = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in http.Headers.AllKeys)
        {
            if (name is not null && http.Headers.GetValues(name) is { } values)
            {
                headers[name] = values.Length > 0 ? values[^1] : "";
                multiHeaders[name] = values;
            }
        }
        var query = InvocationRequest.ParseQuery(context.Target.RawQuery);
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["accountId"] = LocalGatewayServer.AccountId,
            ["apiId"] = context.Target.RestApiId,
            ["domainName"] = http.Headers["Host"] ?? "",
            ["extendedRequestId"] = ApiGatewayIds.ExtendedRequestId(context.RequestId),
            ["httpMethod"] = http.HttpMethod,
            ["identity.sourceIp"] = http.RemoteEndPoint?.Address.ToString() ?? "127.0.0.1",
            ["identity.userAgent"] = http.Headers["User-Agent"],
            ["requestId"] = context.RequestId,
            ["resourcePath"] = context.ResourcePath,
            ["resourceId"] = context.FoundMatch?.Resource.Id,
            ["stage"] = context.StageName,
            ["path"] = context.StageName is { } stage ? "/" + stage + (context.FoundRequest?.Path ?? "/") : null,
        };
        AddError(variables, failure);
        return new MappingTemplateContext
        {
            Body = "",
            PathParameters = context.FoundMatch?.PathParameters ?? new Dictionary<string, string>(StringComparer.Ordinal),
            QueryStringParameters = query.GroupBy(pair => pair.Key, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Last().Value, StringComparer.Ordinal),
            MultiValueQueryStringParameters = query.GroupBy(pair => pair.Key, StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => (IReadOnlyList<string>)group.Select(pair => pair.Value).ToList(), StringComparer.Ordinal),
            Headers = headers,
            MultiValueHeaders = multiHeaders,
            Context = variables,
            StageVariables = context.FoundStage?.Variables ?? new Dictionary<string, string>(StringComparer.Ordinal),
        };
    }

    private static MappingTemplateContext WithError(MappingTemplateContext request, GatewayFailure failure)
    {
        var variables = new Dictionary<string, object?>(request.Context, StringComparer.Ordinal);
        AddError(variables, failure);
        return new MappingTemplateContext
        {
            Body = "",
            PathParameters = request.PathParameters,
            QueryStringParameters = request.QueryStringParameters,
            MultiValueQueryStringParameters = request.MultiValueQueryStringParameters,
            Headers = request.Headers,
            MultiValueHeaders = request.MultiValueHeaders,
            Context = variables,
            StageVariables = request.StageVariables,
            Cancellation = request.Cancellation,
        };
    }

    /// <summary>$context.error.*: the default body's message, the same as a JSON string, and the response type.</summary>
    private static void AddError(Dictionary<string, object?> variables, GatewayFailure failure)
    {
        variables["error.message"] = failure.Message;
        variables["error.messageString"] = MessageString(failure);
        variables["error.responseType"] = failure.ResponseType.Name;
    }

    /// <summary>The message as a JSON value: quoted and escaped (API Gateway's authorizer configuration error has none: null).</summary>
    internal static string MessageString(GatewayFailure failure) =>
        failure.ResponseType == GatewayResponseType.AuthorizerConfigurationError ? "null" : JsonSerializer.Serialize(failure.Message, QuotedText);
}
