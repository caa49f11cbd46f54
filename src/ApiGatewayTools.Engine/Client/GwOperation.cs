namespace ApiGatewayTools.Engine.Client;

/// <summary>
/// One REST-JSON request, described before it is sent: what -WhatIf prints and what the client signs and sends.
/// </summary>
public sealed class GwOperation
{
    public GwOperation(string service, string name, HttpMethod method, string path, string? body = null, IReadOnlyDictionary<string, string>? query = null)
    {
        Service = service;
        Name = name;
        Method = method;
        Path = path;
        Body = body;
        Query = query ?? new Dictionary<string, string>();
    }

    /// <summary>"apigateway" or "lambda": the signing name and which endpoint receives it.</summary>
    public string Service { get; }
    /// <summary>AWS's operation name, e.g. CreateResource.</summary>
    public string Name { get; }
    public HttpMethod Method { get; }
    /// <summary>Request path with every label already percent-encoded.</summary>
    public string Path { get; }
    public IReadOnlyDictionary<string, string> Query { get; }
    /// <summary>JSON body, or null for none.</summary>
    public string? Body { get; }

    /// <summary>One line for -WhatIf and -Verbose: "CreateResource POST /restapis/abc/resources/def {"pathPart":"pets"}".</summary>
    public override string ToString()
    {
        var query = Query.Count == 0 ? "" : "?" + string.Join("&", Query.Select(kv => $"{kv.Key}={kv.Value}"));
        return Body is null ? $"{Name} {Method} {Path}{query}" : $"{Name} {Method} {Path}{query} {Body}";
    }
}

/// <summary>What the engine tells its caller while it works: each request, and waits for throttling.</summary>
public interface IGwActivityListener
{
    /// <summary>A request finished (successfully or not). Never carries secrets.</summary>
    void RequestCompleted(GwRequestRecord record);

    /// <summary>The client is waiting before a retry (throttling, 5xx, dropped connection).</summary>
    void Waiting(string operation, TimeSpan delay, int attempt, string reason);
}

public sealed record GwRequestRecord(string Operation, string Method, string Path, int? StatusCode, TimeSpan Elapsed, int Attempt, string? ErrorCode);
