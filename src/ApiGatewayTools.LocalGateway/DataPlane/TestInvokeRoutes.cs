using System.Collections.Specialized;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ApiGatewayTools.LocalGateway.ControlPlane;
using ApiGatewayTools.LocalGateway.DataPlane.Chain;
using ApiGatewayTools.LocalGateway.Http;
using ApiGatewayTools.LocalGateway.Json;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway.DataPlane;

/// <summary>
/// TestInvokeMethod: runs a method's current, undeployed definition through the same pipeline as an invoke
/// URL, in the stage "test-invoke-stage", and reports the response with an execution log. Its request validator
/// applies (the method's current one, with the API's current models); the caller checks of a stage do not.
/// </summary>
internal sealed class TestInvokeRoutes(GatewayState state, MethodPipeline pipeline, GatewayResponses responses) : IRouteArea
{
    /// <summary>The chain's own request validation stage; it keeps no state between requests.</summary>
    private static readonly RequestValidation Validation = new();

    public void Register(Router router) =>
        router.Map("POST", "/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}", "TestInvokeMethod", TestInvokeAsync);

    private async Task<GatewayResponse> TestInvokeAsync(GatewayRequest request, CancellationToken ct)
    {
        // The verb sent; it runs the resource's own method of that verb, else its ANY method, as an invoke URL does.
        var httpMethod = MethodRoutes.ReadHttpMethod(request);
        var body = request.Json;
        var pathWithQuery = JsonRead.String(body, "pathWithQueryString");
        var requestBody = JsonRead.String(body, "body");
        var headers = ReadHeaders(body);
        var stageVariables = JsonRead.StringMap(body, "stageVariables") ?? new(StringComparer.Ordinal);

        DeploymentSnapshot current;
        string methodVerb;
        lock (state.Sync)
        {
            var api = state.RestApis.Get(request.Route("restapi_id"));
            var resource = api.Resources.Get(request.Route("resource_id"));
            methodVerb = RouteToMethod.FindMethod(resource, httpMethod)?.HttpMethod ?? httpMethod;
            _ = resource.Method(methodVerb).RequiredIntegration;
            // A private copy, so the run sees one consistent definition while others keep editing.
            current = new DeploymentSnapshot(api);
        }
        var resourceRecord = current.Resources[request.Route("resource_id")];
        var method = resourceRecord.Methods[methodVerb];
        var resourcePath = current.Paths[resourceRecord.Id];

        pathWithQuery ??= resourcePath;
        var queryStart = pathWithQuery.IndexOf('?');
        var rawPath = queryStart < 0 ? pathWithQuery : pathWithQuery[..queryStart];
        var rawQuery = queryStart < 0 ? "" : pathWithQuery[(queryStart + 1)..];
        if (!rawPath.StartsWith('/'))
        {
            rawPath = "/" + rawPath;
        }
        var segments = InvocationRequest.SplitPath(rawPath);
        var invocation = new Invocation
        {
            Request = new InvocationRequest
            {
                // Addressed as ANY itself, the ANY method runs as GET.
                HttpMethod = httpMethod == "ANY" ? "GET" : httpMethod,
                Path = Uri.UnescapeDataString(rawPath),
                PathSegments = segments,
                RawQuery = rawQuery,
                Query = InvocationRequest.ParseQuery(rawQuery),
                Headers = headers,
                Body = requestBody is null ? [] : Encoding.UTF8.GetBytes(requestBody),
                SourceIp = "test-invoke-source-ip",
            },
            RestApiId = current.RestApiId,
            StageName = Invocation.TestInvokeStage,
            StageVariables = stageVariables,
            BinaryMediaTypes = current.BinaryMediaTypes,
            Resource = resourceRecord,
            ResourcePath = resourcePath,
            PathParameters = PathParameters(resourcePath, segments),
            Method = method,
            Integration = method.Integration!,
            RequestId = Guid.NewGuid().ToString(),
            RequestTime = DateTimeOffset.UtcNow,
            Log = new ExecutionLog(),
            Cancellation = ct,
        };
        var started = Stopwatch.GetTimestamp();
        // The method's request validator checks the request first, as on an invoke URL: a refusal never reaches the integration.
        var answer = await Validation.RunAsync(InvokeContext.ForTestInvoke(invocation, current), ct).ConfigureAwait(false) is { } refusal
            ? MethodPipeline.Refused(invocation, refusal)
            : await pipeline.RunAsync(invocation, ct).ConfigureAwait(false);
        var result = responses.Answer(answer, invocation, current.GatewayResponses);
        var latency = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return GatewayResponse.Json(200, w =>
        {
            w.WriteNumber("status", result.StatusCode);
            w.WriteString("body", Encoding.UTF8.GetString(result.Body));
            w.WriteStartObject("headers");
            foreach (var name in result.Headers.Select(pair => pair.Key).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                w.WriteString(name, result.Headers.Last(pair => string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase)).Value);
            }
            w.WriteEndObject();
            w.WriteStartObject("multiValueHeaders");
            foreach (var group in result.Headers.GroupBy(pair => pair.Key, StringComparer.OrdinalIgnoreCase))
            {
                w.WriteStringArray(group.Key, group.Select(pair => pair.Value));
            }
            w.WriteEndObject();
            w.WriteString("log", invocation.Log!.ToString());
            w.WriteNumber("latency", latency);
        });
    }

    /// <summary>The headers and multiValueHeaders members merged; a header in both keeps all its values.</summary>
    internal static NameValueCollection ReadHeaders(JsonElement body)
    {
        var headers = new NameValueCollection(StringComparer.OrdinalIgnoreCase);
        if (JsonRead.Object(body, "multiValueHeaders") is { } multi)
        {
            foreach (var header in multi.EnumerateObject())
            {
                if (header.Value.ValueKind != JsonValueKind.Array || header.Value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
                {
                    throw GatewayError.BadRequest("Invalid request input: multiValueHeaders must be a map of string lists.");
                }
                foreach (var value in header.Value.EnumerateArray())
                {
                    headers.Add(header.Name, value.GetString());
                }
            }
        }
        foreach (var (name, value) in JsonRead.StringMap(body, "headers") ?? [])
        {
            if (headers[name] is null)
            {
                headers.Add(name, value);
            }
        }
        return headers;
    }

    /// <summary>Binds the tested resource's own path template to the given path, as the named resource is what runs.</summary>
    private static Dictionary<string, string> PathParameters(string resourcePath, string[] segments)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var parts = resourcePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length && i < segments.Length; i++)
        {
            var part = parts[i];
            if (part.StartsWith('{') && part.EndsWith("+}", StringComparison.Ordinal))
            {
                parameters[part[1..^2]] = string.Join('/', segments[i..]);
                break;
            }
            if (part.StartsWith('{') && part.EndsWith('}'))
            {
                parameters[part[1..^1]] = segments[i];
            }
        }
        return parameters;
    }
}
