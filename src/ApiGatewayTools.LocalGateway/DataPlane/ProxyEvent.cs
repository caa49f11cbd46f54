using System.Text;
using System.Text.Json;
using ApiGatewayTools.LocalGateway.Http;

namespace ApiGatewayTools.LocalGateway.DataPlane;

/// <summary>The Lambda proxy integration's input event, payload format version 1.0.</summary>
internal static class ProxyEvent
{
    public static string Write(Invocation invocation)
    {
        var request = invocation.Request;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, GatewayResponse.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("resource", invocation.ResourcePath);
            w.WriteString("path", request.Path);
            w.WriteString("httpMethod", request.HttpMethod);
            WriteHeaders(w, request);
            WriteQuery(w, request.Query);
            WriteMap(w, "pathParameters", invocation.PathParameters);
            WriteMap(w, "stageVariables", invocation.StageVariables);
            WriteRequestContext(w, invocation);
            var binary = BinaryMediaTypes.Matches(invocation.BinaryMediaTypes, request.MediaType);
            if (request.Body.Length == 0)
            {
                w.WriteNull("body");
            }
            else if (binary)
            {
                w.WriteString("body", Convert.ToBase64String(request.Body));
            }
            else
            {
                w.WriteString("body", invocation.BodyText);
            }
            w.WriteBoolean("isBase64Encoded", binary && request.Body.Length > 0);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteHeaders(Utf8JsonWriter w, InvocationRequest request)
    {
        var names = request.Headers.AllKeys.Where(name => name is not null).Select(name => name!).ToList();
        if (names.Count == 0)
        {
            w.WriteNull("headers");
            w.WriteNull("multiValueHeaders");
            return;
        }
        w.WriteStartObject("headers");
        foreach (var name in names)
        {
            var values = request.Headers.GetValues(name) ?? [];
            w.WriteString(name, values.Length > 0 ? values[^1] : "");
        }
        w.WriteEndObject();
        w.WriteStartObject("multiValueHeaders");
        foreach (var name in names)
        {
            w.WriteStartArray(name);
            foreach (var value in request.Headers.GetValues(name) ?? [])
            {
                w.WriteStringValue(value);
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void WriteQuery(Utf8JsonWriter w, IReadOnlyList<KeyValuePair<string, string>> query)
    {
        if (query.Count == 0)
        {
            w.WriteNull("queryStringParameters");
            w.WriteNull("multiValueQueryStringParameters");
            return;
        }
        var grouped = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var (name, value) in query)
        {
            if (!grouped.TryGetValue(name, out var values))
            {
                grouped[name] = values = [];
                order.Add(name);
            }
            values.Add(value);
        }
        w.WriteStartObject("queryStringParameters");
        foreach (var name in order)
        {
            w.WriteString(name, grouped[name][^1]);
        }
        w.WriteEndObject();
        w.WriteStartObject("multiValueQueryStringParameters");
        foreach (var name in order)
        {
            w.WriteStartArray(name);
            foreach (var value in grouped[name])
            {
                w.WriteStringValue(value);
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void WriteMap(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, string> map)
    {
        if (map.Count == 0)
        {
            w.WriteNull(name);
            return;
        }
        w.WriteStartObject(name);
        foreach (var (key, value) in map)
        {
            w.WriteString(key, value);
        }
        w.WriteEndObject();
    }

    private static void WriteRequestContext(Utf8JsonWriter w, Invocation invocation)
    {
        var request = invocation.Request;
        w.WriteStartObject("requestContext");
        w.WriteString("resourceId", invocation.Resource.Id);
        w.WriteString("resourcePath", invocation.ResourcePath);
        w.WriteString("httpMethod", request.HttpMethod);
        w.WriteString("extendedRequestId", invocation.ExtendedRequestId);
        w.WriteString("requestTime", invocation.RequestTimeText);
        w.WriteString("path", invocation.StagePath);
        w.WriteString("accountId", LocalGatewayServer.AccountId);
        w.WriteString("protocol", request.Protocol);
        w.WriteString("stage", invocation.StageName);
        w.WriteString("domainPrefix", DomainPrefix(request.Host));
        w.WriteNumber("requestTimeEpoch", invocation.RequestTime.ToUnixTimeMilliseconds());
        w.WriteString("requestId", invocation.RequestId);
        w.WriteStartObject("identity");
        foreach (var absent in (ReadOnlySpan<string>)["cognitoIdentityPoolId", "accountId", "cognitoIdentityId", "caller", "principalOrgId", "accessKey",
                     "cognitoAuthenticationType", "cognitoAuthenticationProvider", "userArn"])
        {
            w.WriteNull(absent);
        }
        w.WriteString("sourceIp", request.SourceIp);
        if (request.UserAgent is { } userAgent)
        {
            w.WriteString("userAgent", userAgent);
        }
        else
        {
            w.WriteNull("userAgent");
        }
        w.WriteNull("user");
        w.WriteEndObject();
        invocation.Authorizer?.WriteProxyAuthorizer(w);
        w.WriteString("domainName", request.Host ?? "");
        w.WriteString("apiId", invocation.RestApiId);
        w.WriteEndObject();
    }

    private static string DomainPrefix(string? host)
    {
        if (string.IsNullOrEmpty(host))
        {
            return "";
        }
        var dot = host.IndexOf('.');
        return dot < 0 ? host : host[..dot];
    }
}

/// <summary>Reads a function's answer to a proxy event: statusCode, headers, multiValueHeaders, body, isBase64Encoded.</summary>
internal static class ProxyResponse
{
    public static bool TryRead(string result, out MethodResult response, out string problem)
    {
        response = null!;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(result);
        }
        catch (JsonException)
        {
            problem = "the function's result is not JSON";
            return false;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = "the function's result is not a JSON object";
                return false;
            }
            if (!TryStatusCode(root, out var statusCode))
            {
                problem = "statusCode is missing or not a valid HTTP status code";
                return false;
            }
            var headers = new List<KeyValuePair<string, string>>();
            if (root.TryGetProperty("multiValueHeaders", out var multi) && multi.ValueKind != JsonValueKind.Null)
            {
                if (multi.ValueKind != JsonValueKind.Object)
                {
                    problem = "multiValueHeaders is not an object";
                    return false;
                }
                foreach (var header in multi.EnumerateObject())
                {
                    if (header.Value.ValueKind != JsonValueKind.Array)
                    {
                        problem = $"multiValueHeaders.{header.Name} is not a list";
                        return false;
                    }
                    foreach (var value in header.Value.EnumerateArray())
                    {
                        headers.Add(new(header.Name, ScalarText(value)));
                    }
                }
            }
            if (root.TryGetProperty("headers", out var single) && single.ValueKind != JsonValueKind.Null)
            {
                if (single.ValueKind != JsonValueKind.Object)
                {
                    problem = "headers is not an object";
                    return false;
                }
                // When a header is in both, the multi-value list is what API Gateway sends.
                foreach (var header in single.EnumerateObject())
                {
                    if (!headers.Exists(pair => string.Equals(pair.Key, header.Name, StringComparison.OrdinalIgnoreCase)))
                    {
                        headers.Add(new(header.Name, ScalarText(header.Value)));
                    }
                }
            }
            var base64 = root.TryGetProperty("isBase64Encoded", out var flag) && flag.ValueKind == JsonValueKind.True;
            byte[] body = [];
            if (root.TryGetProperty("body", out var bodyElement) && bodyElement.ValueKind != JsonValueKind.Null)
            {
                if (bodyElement.ValueKind != JsonValueKind.String)
                {
                    problem = "body is not a string";
                    return false;
                }
                var text = bodyElement.GetString()!;
                if (base64)
                {
                    try
                    {
                        body = Convert.FromBase64String(text);
                    }
                    catch (FormatException)
                    {
                        problem = "isBase64Encoded is true but body is not base64";
                        return false;
                    }
                }
                else
                {
                    body = Encoding.UTF8.GetBytes(text);
                }
            }
            if (!headers.Exists(pair => string.Equals(pair.Key, "Content-Type", StringComparison.OrdinalIgnoreCase)))
            {
                headers.Add(new("Content-Type", "application/json"));
            }
            response = new MethodResult(statusCode, headers, body);
            problem = "";
            return true;
        }
    }

    private static bool TryStatusCode(JsonElement root, out int statusCode)
    {
        statusCode = 0;
        if (!root.TryGetProperty("statusCode", out var code))
        {
            return false;
        }
        var parsed = code.ValueKind switch
        {
            JsonValueKind.Number => code.TryGetInt32(out var number) ? number : 0,
            JsonValueKind.String => int.TryParse(code.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : 0,
            _ => 0,
        };
        statusCode = parsed;
        return parsed is >= 100 and <= 599;
    }

    private static string ScalarText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null => "",
        _ => value.GetRawText(),
    };
}

/// <summary>API Gateway's binaryMediaTypes matching: exact media types or wildcards such as image/* and */*.</summary>
internal static class BinaryMediaTypes
{
    public static bool Matches(IReadOnlyList<string> binaryMediaTypes, string? mediaType)
    {
        if (mediaType is null || binaryMediaTypes.Count == 0)
        {
            return false;
        }
        foreach (var candidate in binaryMediaTypes)
        {
            var pattern = candidate.Replace("~1", "/", StringComparison.Ordinal).Trim().ToLowerInvariant();
            if (pattern == "*/*" || pattern == mediaType
                || (pattern.EndsWith("/*", StringComparison.Ordinal) && mediaType.StartsWith(pattern[..^1], StringComparison.Ordinal)))
            {
                return true;
            }
        }
        return false;
    }
}
