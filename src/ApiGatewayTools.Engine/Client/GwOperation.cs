using System.Text.Json;

namespace ApiGatewayTools.Engine.Client;

/// <summary>
/// One REST-JSON request, described completely before it is sent: what -WhatIf prints, what the client signs and
/// sends, and (in <see cref="GwOperation{T}"/>) how its answer is read. Built only by
/// <see cref="ApiGatewayOperations"/> and <see cref="LambdaOperations"/>.
/// </summary>
public class GwOperation
{
    internal GwOperation(string service, string name, HttpMethod method, string path, string? body = null,
        IReadOnlyDictionary<string, string>? query = null, IReadOnlyList<GwStepReference>? references = null)
    {
        Service = service;
        Name = name;
        Method = method;
        Path = path;
        Body = body;
        Query = query ?? new Dictionary<string, string>();
        References = references ?? [];
    }

    /// <summary>"apigateway" or "lambda": the signing name and which endpoint receives it.</summary>
    public string Service { get; }
    /// <summary>AWS's operation name, e.g. CreateResource.</summary>
    public string Name { get; }
    public HttpMethod Method { get; }
    /// <summary>Request path with every label already percent-encoded; a reference to an earlier step's answer shows as its hole until resolved.</summary>
    public string Path { get; }
    public IReadOnlyDictionary<string, string> Query { get; }
    /// <summary>JSON body, or null for none.</summary>
    public string? Body { get; }
    /// <summary>
    /// Path labels or body strings that an earlier step of a plan answers; empty for an operation that can be sent
    /// as it is. A body hole is only ever placed in a string the module builds itself (an ARN), never in user text.
    /// </summary>
    public IReadOnlyList<GwStepReference> References { get; }

    /// <summary>Values sent in the body but never printed (an API key's value): <see cref="ToString"/> shows each as "***".</summary>
    internal IReadOnlyList<string> Secrets { get; init; } = [];

    /// <summary>One line for -WhatIf and -Verbose: "CreateResource POST /restapis/abc/resources/def {"pathPart":"pets"}".</summary>
    public override string ToString()
    {
        string Described(string text) => References.Aggregate(text, (described, reference) => described.Replace(reference.Hole, "{" + reference.Description + "}", StringComparison.Ordinal));
        var path = Described(Path);
        var query = Query.Count == 0 ? "" : "?" + string.Join("&", Query.Select(kv => $"{kv.Key}={kv.Value}"));
        var body = Secrets.Aggregate(Body, (text, secret) => text?.Replace(secret, "***", StringComparison.Ordinal));
        return body is null ? $"{Name} {Method} {path}{query}" : $"{Name} {Method} {path}{query} {Described(body)}";
    }

    /// <summary>The same request with every reference replaced by the (percent-encoded) value the earlier step answered.</summary>
    internal GwOperation Resolve(Func<GwStepReference, string> valueOf) =>
        References.Count == 0 ? this
            : With(References.Aggregate(Path, (text, reference) => text.Replace(reference.Hole, Uri.EscapeDataString(valueOf(reference)), StringComparison.Ordinal)),
                Body is null ? null : References.Aggregate(Body, (text, reference) => text.Replace(reference.Hole, JsonEncodedText.Encode(valueOf(reference)).ToString(), StringComparison.Ordinal)));

    protected virtual GwOperation With(string path, string? body) => new(Service, Name, Method, path, body, Query) { Secrets = Secrets };

    /// <summary>Reads the service's answer; an answer that is not what AWS's model promises is a typed error, never a raw .NET exception.</summary>
    internal object? ReadAnswer(string text, GwConnection connection)
    {
        try
        {
            return Read(Json.Parse(text), connection);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            throw new GwUnexpectedResponseException(Name, e);
        }
    }

    protected virtual object? Read(JsonElement answer, GwConnection connection) => null;
}

/// <summary>An operation whose answer becomes a <typeparamref name="T"/>.</summary>
public sealed class GwOperation<T> : GwOperation
{
    private readonly Func<JsonElement, GwConnection, T> _read;

    internal GwOperation(string service, string name, HttpMethod method, string path, Func<JsonElement, GwConnection, T> read,
        string? body = null, IReadOnlyDictionary<string, string>? query = null, IReadOnlyList<GwStepReference>? references = null)
        : base(service, name, method, path, body, query, references) => _read = read;

    protected override GwOperation With(string path, string? body) => new GwOperation<T>(Service, Name, Method, path, _read, body, Query) { Secrets = Secrets };

    protected override object? Read(JsonElement answer, GwConnection connection) => _read(answer, connection);
}

/// <summary>One page of a listing and the token of the next page (null on the last).</summary>
public sealed record GwPage<T>(IReadOnlyList<T> Items, string? NextToken);

/// <summary>A paged listing: the operation that reads the page at a token (null for the first).</summary>
public sealed class GwListing<T>
{
    private readonly Func<string?, GwOperation<GwPage<T>>> _pageAt;

    internal GwListing(Func<string?, GwOperation<GwPage<T>>> pageAt) => _pageAt = pageAt;

    public GwOperation<GwPage<T>> PageAt(string? token) => _pageAt(token);
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
