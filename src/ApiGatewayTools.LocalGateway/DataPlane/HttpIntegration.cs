using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway.DataPlane;

/// <summary>
/// HTTP_PROXY and HTTP integrations. The proxy forwards the method request as it came (minus hop-by-hop
/// headers and Host) and returns the backend's answer as it is; HTTP maps parameters and the body on the
/// way in and goes through the integration responses on the way out.
/// </summary>
internal sealed partial class HttpIntegration(BackendClient backend)
{
    /// <summary>Headers that belong to one connection, not to the request, and are never forwarded either way.</summary>
    private static readonly HashSet<string> HopByHopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "Proxy-Connection", "TE", "Trailer",
        "Transfer-Encoding", "Upgrade", "Host", "Content-Length", "Expect",
    };

    public async Task<MethodResult> InvokeAsync(Invocation invocation, CancellationToken ct)
    {
        var integration = invocation.Integration;
        var proxy = integration.Type == "HTTP_PROXY";
        var mapped = MapRequestParameters(invocation);

        byte[] body;
        string? contentType;
        if (proxy)
        {
            body = invocation.Request.Body;
            contentType = invocation.Request.Headers["Content-Type"];
        }
        else if (IntegrationRequestBody.Build(invocation) is { } built)
        {
            (body, contentType) = built;
        }
        else
        {
            return MethodResult.GatewayError(GatewayFailure.UnsupportedMediaType, "no request template for the content type and passthrough refused");
        }

        var endpoint = Endpoint(invocation, mapped.Path, proxy ? invocation.Request.RawQuery : "", mapped.Query, out var uriText);
        if (endpoint is null)
        {
            invocation.Log?.Add($"Execution failed due to configuration error: Invalid endpoint address: {uriText}");
            return MethodResult.GatewayError(GatewayFailure.ApiConfigurationError, $"invalid endpoint address {uriText}");
        }
        var verb = integration.HttpMethod is null or "ANY" ? invocation.Request.HttpMethod : integration.HttpMethod;
        using var message = new HttpRequestMessage(Method(verb), endpoint);
        if (body.Length > 0 || (contentType is not null && verb is not ("GET" or "HEAD")))
        {
            message.Content = new ByteArrayContent(body);
        }
        if (proxy)
        {
            foreach (var name in invocation.Request.Headers.AllKeys)
            {
                if (name is not null && !HopByHopHeaders.Contains(name))
                {
                    AddHeader(message, name, invocation.Request.Headers.GetValues(name) ?? []);
                }
            }
        }
        else if (contentType is not null)
        {
            AddHeader(message, "Content-Type", [contentType]);
        }
        foreach (var (name, value) in mapped.Headers)
        {
            message.Headers.Remove(name);
            message.Content?.Headers.Remove(name);
            AddHeader(message, name, [value]);
        }
        LogEndpointRequest(invocation, message, body);

        // Not linked to the server's stop token: stopping disposes the shared client, which ends every call anyway.
        using var timeout = new CancellationTokenSource(integration.TimeoutInMillis);
        IntegrationOutput output;
        try
        {
            using var response = await backend.Http.SendAsync(message, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            var responseBody = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            output = new IntegrationOutput((int)response.StatusCode, ResponseHeaders(response), responseBody);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            invocation.Log?.Add($"Execution failed due to a timeout error: no answer from {endpoint} within {integration.TimeoutInMillis} ms");
            return MethodResult.GatewayError(GatewayFailure.EndpointTimeout, $"endpoint request timed out after {integration.TimeoutInMillis} ms");
        }
        catch (HttpRequestException e)
        {
            invocation.Log?.Add($"Execution failed due to configuration error: {e.Message}");
            return MethodResult.GatewayError(GatewayFailure.IntegrationFailure, $"endpoint request failed: {e.Message}");
        }
        invocation.Log?.Add($"Received response. Status: {output.StatusCode}, Integration latency measured by the gateway");
        invocation.Log?.Add($"Endpoint response headers: {{{string.Join(", ", output.Headers.Select(pair => $"{pair.Key}={pair.Value}"))}}}");
        invocation.Log?.Add($"Endpoint response body before transformations: {IntegrationResponseMapping.Truncate(output.BodyText)}");

        if (proxy)
        {
            var headers = output.Headers.Where(pair => !HopByHopHeaders.Contains(pair.Key)).ToList();
            return new MethodResult(output.StatusCode, headers, output.Body);
        }
        return IntegrationResponseMapping.Map(invocation, output);
    }

    /// <summary>
    /// The backend URI, or null when it is not a valid http(s) URI. A fixed integration URI (no stage variables,
    /// no path parameters) with no query string to add is parsed once per deployed integration, not per request.
    /// </summary>
    private static Uri? Endpoint(Invocation invocation, Dictionary<string, string> mappedPath, string forwardedQuery,
        List<KeyValuePair<string, string>> mappedQuery, out string uriText)
    {
        var integration = invocation.Integration;
        var fixedUri = integration.Uri is { } raw && !raw.Contains('{');
        if (fixedUri && forwardedQuery.Length == 0 && mappedQuery.Count == 0)
        {
            uriText = integration.Uri!;
            var cached = FixedEndpoints.GetValue(integration, static record => ParseEndpoint(record.Uri!) ?? InvalidEndpoint);
            return ReferenceEquals(cached, InvalidEndpoint) ? null : cached;
        }
        uriText = EndpointUri(invocation, mappedPath, forwardedQuery, mappedQuery);
        return ParseEndpoint(uriText);
    }

    private static readonly ConditionalWeakTable<IntegrationRecord, Uri> FixedEndpoints = new();
    /// <summary>Stands for "not a valid endpoint" in the cache, which cannot hold null.</summary>
    private static readonly Uri InvalidEndpoint = new("invalid:endpoint");

    private static Uri? ParseEndpoint(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var endpoint) && endpoint.Scheme is "http" or "https" ? endpoint : null;

    /// <summary>The shared instances for the common verbs, which HttpClient recognises by reference.</summary>
    private static HttpMethod Method(string verb) => verb switch
    {
        "GET" => HttpMethod.Get,
        "POST" => HttpMethod.Post,
        "PUT" => HttpMethod.Put,
        "DELETE" => HttpMethod.Delete,
        "PATCH" => HttpMethod.Patch,
        "HEAD" => HttpMethod.Head,
        "OPTIONS" => HttpMethod.Options,
        _ => new HttpMethod(verb),
    };

    /// <summary>The integration URI with stage variables and path parameters filled in, plus the query string.</summary>
    private static string EndpointUri(Invocation invocation, Dictionary<string, string> mappedPath, string forwardedQuery, List<KeyValuePair<string, string>> mappedQuery)
    {
        var uri = SubstituteStageVariables(invocation.Integration.Uri ?? "", invocation.StageVariables);
        uri = PathPlaceholder().Replace(uri, match =>
        {
            var name = match.Groups["name"].Value;
            var value = mappedPath.GetValueOrDefault(name) ?? invocation.PathParameters.GetValueOrDefault(name);
            return value is null ? match.Value : EscapePath(value);
        });
        var query = new StringBuilder(forwardedQuery);
        foreach (var (name, value) in mappedQuery)
        {
            query.Append(query.Length > 0 ? "&" : "").Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }
        if (query.Length == 0)
        {
            return uri;
        }
        return uri + (uri.Contains('?') ? "&" : "?") + query;
    }

    public static string SubstituteStageVariables(string text, IReadOnlyDictionary<string, string> variables) =>
        text.Contains("${stageVariables.", StringComparison.Ordinal)
            ? StageVariableReference().Replace(text, match => variables.GetValueOrDefault(match.Groups["name"].Value) ?? "")
            : text;

    /// <summary>A greedy parameter keeps its slashes; everything else in a value is escaped.</summary>
    private static string EscapePath(string value) => string.Join('/', value.Split('/').Select(Uri.EscapeDataString));

    private static (Dictionary<string, string> Path, List<KeyValuePair<string, string>> Query, List<KeyValuePair<string, string>> Headers) MapRequestParameters(Invocation invocation)
    {
        var path = new Dictionary<string, string>(StringComparer.Ordinal);
        var query = new List<KeyValuePair<string, string>>();
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (target, expression) in invocation.Integration.RequestParameters)
        {
            if (ParameterMapping.MethodRequestValue(invocation, expression) is not { } value)
            {
                continue;
            }
            if (target.StartsWith("integration.request.path.", StringComparison.Ordinal))
            {
                path[target["integration.request.path.".Length..]] = value;
            }
            else if (target.StartsWith("integration.request.querystring.", StringComparison.Ordinal))
            {
                query.Add(new(target["integration.request.querystring.".Length..], value));
            }
            else if (target.StartsWith("integration.request.multivaluequerystring.", StringComparison.Ordinal))
            {
                query.Add(new(target["integration.request.multivaluequerystring.".Length..], value));
            }
            else if (target.StartsWith("integration.request.header.", StringComparison.Ordinal))
            {
                headers.Add(new(target["integration.request.header.".Length..], value));
            }
            else if (target.StartsWith("integration.request.multivalueheader.", StringComparison.Ordinal))
            {
                headers.Add(new(target["integration.request.multivalueheader.".Length..], value));
            }
        }
        return (path, query, headers);
    }

    private static void AddHeader(HttpRequestMessage message, string name, string[] values)
    {
        if (!message.Headers.TryAddWithoutValidation(name, values) && message.Content is not null)
        {
            message.Content.Headers.TryAddWithoutValidation(name, values);
        }
    }

    private static List<KeyValuePair<string, string>> ResponseHeaders(HttpResponseMessage response)
    {
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in response.Headers)
        {
            foreach (var value in values)
            {
                headers.Add(new(name, value));
            }
        }
        foreach (var (name, values) in response.Content.Headers)
        {
            foreach (var value in values)
            {
                headers.Add(new(name, value));
            }
        }
        return headers;
    }

    private static void LogEndpointRequest(Invocation invocation, HttpRequestMessage message, byte[] body)
    {
        if (invocation.Log is not { } log)
        {
            return;
        }
        log.Add($"Endpoint request URI: {message.RequestUri}");
        IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers = message.Headers;
        if (message.Content is not null)
        {
            headers = headers.Concat(message.Content.Headers);
        }
        log.Add($"Endpoint request headers: {{{string.Join(", ", headers.Select(pair => $"{pair.Key}={string.Join(",", pair.Value)}"))}}}");
        log.Add($"Endpoint request body after transformations: {IntegrationResponseMapping.Truncate(Encoding.UTF8.GetString(body))}");
        log.Add($"Sending request to {message.RequestUri}");
    }

    [GeneratedRegex(@"\$\{stageVariables\.(?<name>[A-Za-z0-9_]+)\}")]
    private static partial Regex StageVariableReference();

    [GeneratedRegex(@"\{(?<name>[A-Za-z0-9._-]+)\+?\}")]
    private static partial Regex PathPlaceholder();
}
