using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using ApiGatewayTools.LocalGateway.DataPlane.Chain;

namespace ApiGatewayTools.LocalGateway.DataPlane.Practices;

/// <summary>What one request was, once answered: what the access log and the metrics are made from.</summary>
internal sealed record ServedInvoke(InvokeContext Context, MethodResult? Answer, DateTimeOffset RequestTime, TimeSpan Latency)
{
    public int Status => Answer?.StatusCode ?? 0;
}

/// <summary>
/// A stage's access-log format, compiled once: literal text and $context variables (also written
/// ${context.name}), each replaced by its
/// value for the request, or "-" when the request has none (or the variable is not one the local gateway
/// knows), as API Gateway writes a missing value.
/// </summary>
internal sealed class AccessLogFormat
{
    private const string Prefix = "$context.";
    private const int CompiledCapacity = 256;

    private static readonly ConcurrentDictionary<string, AccessLogFormat> Compiled = new(StringComparer.Ordinal);

    // Each part is literal text, or (when Variable is set) a $context variable's name.
    private readonly (string Text, bool Variable)[] _parts;

    private AccessLogFormat(string format)
    {
        var parts = new List<(string, bool)>();
        var at = 0;
        while (NextVariable(format, at) is var (start, nameStart, nameEnd, end))
        {
            if (start > at)
            {
                parts.Add((format[at..start], false));
            }
            parts.Add((format[nameStart..nameEnd], true));
            at = end;
        }
        if (at < format.Length)
        {
            parts.Add((format[at..], false));
        }
        _parts = [.. parts];
    }

    /// <summary>
    /// The next $context.name or ${context.name} from <paramref name="from"/>: where it starts, where its name
    /// starts and ends, and where the text after it starts; null when there is none.
    /// </summary>
    private static (int Start, int NameStart, int NameEnd, int End)? NextVariable(string format, int from)
    {
        const string Braced = "${context.";
        var plain = format.IndexOf(Prefix, from, StringComparison.Ordinal);
        var braced = format.IndexOf(Braced, from, StringComparison.Ordinal);
        if (braced >= 0 && (plain < 0 || braced < plain) && format.IndexOf('}', braced) is var close and > 0)
        {
            return (braced, braced + Braced.Length, close, close + 1);
        }
        if (plain < 0)
        {
            return null;
        }
        var nameStart = plain + Prefix.Length;
        var end = nameStart;
        while (end < format.Length && (char.IsAsciiLetterOrDigit(format[end]) || format[end] is '.' or '_' or '-'))
        {
            end++;
        }
        // A name never ends with a dot (that dot is text, as in "$context.status.").
        while (end > nameStart && format[end - 1] == '.')
        {
            end--;
        }
        return (plain, nameStart, end, end);
    }

    public static AccessLogFormat For(string format)
    {
        if (Compiled.TryGetValue(format, out var compiled))
        {
            return compiled;
        }
        if (Compiled.Count >= CompiledCapacity)
        {
            Compiled.Clear();
        }
        return Compiled.GetOrAdd(format, f => new AccessLogFormat(f));
    }

    public string Render(ServedInvoke served)
    {
        var line = new StringBuilder(256);
        foreach (var (text, variable) in _parts)
        {
            line.Append(variable ? Value(served, text) is { Length: > 0 } value ? value : "-" : text);
        }
        return line.ToString();
    }

    /// <summary>The $context variable's value for the request; null when it has none.</summary>
    public static string? Value(ServedInvoke served, string name)
    {
        var context = served.Context;
        var request = context.FoundRequest;
        var failure = context.GatewayFailure;
        return name switch
        {
            "requestId" or "awsEndpointRequestId" => context.RequestId,
            "extendedRequestId" => ApiGatewayIds.ExtendedRequestId(context.RequestId),
            "apiId" => context.Target.RestApiId,
            "accountId" => LocalGatewayServer.AccountId,
            "stage" => context.StageName,
            "deploymentId" => context.FoundStage?.DeploymentId,
            "domainName" => context.Http.Request.Headers["Host"],
            "httpMethod" => context.Http.Request.HttpMethod,
            "identity.sourceIp" => context.Http.Request.RemoteEndPoint?.Address.ToString(),
            "identity.userAgent" => context.Http.Request.Headers["User-Agent"],
            "protocol" => request?.Protocol ?? $"HTTP/{context.Http.Request.ProtocolVersion.Major}.{context.Http.Request.ProtocolVersion.Minor}",
            "path" => context.StageName is { } stage ? "/" + stage + (request?.Path ?? "/") : null,
            "resourcePath" => context.ResourcePath,
            "resourceId" => context.FoundMatch?.Resource.Id,
            "status" => Number(served.Status),
            "responseLength" => served.Answer is { } answer ? Number(answer.Body.Length) : null,
            "requestTime" => served.RequestTime.ToString("dd/MMM/yyyy:HH:mm:ss '+0000'", CultureInfo.InvariantCulture),
            "requestTimeEpoch" => Number(served.RequestTime.ToUnixTimeMilliseconds()),
            "responseLatency" => Number((long)served.Latency.TotalMilliseconds),
            "integrationLatency" or "integration.latency" => context.IntegrationLatency is { } latency ? Number((long)latency.TotalMilliseconds) : null,
            "integrationStatus" or "integration.status" => context.IntegrationLatency is not null && failure is null ? Number(served.Status) : null,
            "error.message" => failure?.Message,
            "error.messageString" => failure is null ? null : GatewayResponses.MessageString(failure),
            "error.responseType" => failure?.ResponseType.Name,
            "isCanaryRequest" => context.FoundStage?.Canary is null ? null : context.Canary ? "true" : "false",
            _ => null,
        };
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
