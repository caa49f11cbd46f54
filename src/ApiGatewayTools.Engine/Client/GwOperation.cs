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
        IReadOnlyDictionary<string, string>? query = null, IReadOnlyList<GwStepReference>? references = null, string? shownBody = null)
    {
        Service = service;
        Name = name;
        Method = method;
        Path = path;
        Body = body;
        ShownBody = shownBody ?? body;
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
    /// <summary>The body as -WhatIf and -Verbose show it: without the engine's call marker (<see cref="CallMarker"/>), which no description shows.</summary>
    internal string? ShownBody { get; }
    /// <summary>
    /// Path labels or body strings that an earlier step of a plan answers; empty for an operation that can be sent
    /// as it is. A body hole is only ever placed in a string the module builds itself (an ARN), never in user text.
    /// </summary>
    public IReadOnlyList<GwStepReference> References { get; }

    /// <summary>Values sent in the body but never printed (an API key's value): <see cref="ToString"/> shows each as "***".</summary>
    internal IReadOnlyList<string> Secrets { get; init; } = [];

    /// <summary>The body's media type: JSON for every REST-JSON call; an imported document travels as it was written (JSON or YAML).</summary>
    internal string ContentType { get; init; } = "application/json";

    /// <summary>The answer's media type asked for (GetExport's YAML), or null for the default.</summary>
    internal string? Accept { get; init; }

    /// <summary>
    /// How to find what an attempt of this operation made when its answer was lost (the connection dropped after
    /// the request went out, the attempt timed out, the service failed with a 5xx): given the client and the
    /// operation as sent, it answers what exists with the intended settings, read as this operation's answer, or
    /// null when nothing is there. Null for operations that are safe to repeat as they are (reads, PUTs that
    /// overwrite, PATCHes, DELETEs): those are retried as they are. Set only where the operation is built
    /// (<see cref="ApiGatewayOperations"/>, <see cref="LambdaOperations"/>), before anyone else sees it.
    /// </summary>
    internal Func<GwClient, GwOperation, CancellationToken, Task<object?>>? Reconcile { get; private protected set; }

    /// <summary>One line for -WhatIf and -Verbose: "CreateResource POST /restapis/abc/resources/def {"pathPart":"pets"}".</summary>
    public override string ToString()
    {
        string Described(string text) => References.Aggregate(text, (described, reference) => described.Replace(reference.Hole, "{" + reference.Description + "}", StringComparison.Ordinal));
        var path = PlannedId.Readable(Described(Path));
        var query = Query.Count == 0 ? "" : "?" + string.Join("&", Query.Select(kv => $"{kv.Key}={kv.Value}"));
        var body = Secrets.Aggregate(ShownBody, (text, secret) => text?.Replace(secret, "***", StringComparison.Ordinal));
        return body is null ? $"{Name} {Method} {path}{query}" : $"{Name} {Method} {path}{query} {Described(body)}";
    }

    /// <summary>The same request with every reference replaced by the (percent-encoded) value the earlier step answered.</summary>
    internal GwOperation Resolve(Func<GwStepReference, string> valueOf)
    {
        if (References.Count == 0)
        {
            return this;
        }
        string? InBody(string? text) => text is null ? null
            : References.Aggregate(text, (resolved, reference) => resolved.Replace(reference.Hole, JsonEncodedText.Encode(valueOf(reference)).ToString(), StringComparison.Ordinal));
        return With(References.Aggregate(Path, (text, reference) => text.Replace(reference.Hole, Uri.EscapeDataString(valueOf(reference)), StringComparison.Ordinal)),
            InBody(Body), InBody(ShownBody));
    }

    protected virtual GwOperation With(string path, string? body, string? shownBody) =>
        new(Service, Name, Method, path, body, Query, shownBody: shownBody) { Secrets = Secrets, Reconcile = Reconcile, ContentType = ContentType, Accept = Accept };

    /// <summary>Reads the service's answer; an answer that is not what AWS's model promises is a typed error, never a raw .NET exception.</summary>
    internal virtual object? ReadAnswer(string text, GwConnection connection)
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
        string? body = null, IReadOnlyDictionary<string, string>? query = null, IReadOnlyList<GwStepReference>? references = null, string? shownBody = null)
        : base(service, name, method, path, body, query, references, shownBody) => _read = read;

    protected override GwOperation With(string path, string? body, string? shownBody) =>
        new GwOperation<T>(Service, Name, Method, path, _read, body, Query, shownBody: shownBody)
        {
            Secrets = Secrets, Reconcile = Reconcile, ContentType = ContentType, Accept = Accept, _readDocument = _readDocument,
        };

    /// <summary>Reads an answer that is a document rather than a JSON shape (GetExport's body, JSON or YAML as asked).</summary>
    private Func<string, GwConnection, T>? _readDocument;

    internal GwOperation<T> ReadingDocument(Func<string, GwConnection, T> read)
    {
        _readDocument = read;
        return this;
    }

    internal override object? ReadAnswer(string text, GwConnection connection) =>
        _readDocument is { } read ? read(text, connection) : base.ReadAnswer(text, connection);

    /// <summary>Teaches this operation how to find what a lost attempt made (see <see cref="GwOperation.Reconcile"/>); answers the operation itself.</summary>
    internal GwOperation<T> ReconciledBy(Func<GwClient, GwOperation, CancellationToken, Task<T?>> find)
    {
        Reconcile = async (client, sent, ct) => await find(client, sent, ct).ConfigureAwait(false);
        return this;
    }

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

    /// <summary>The client holds a request back to stay within API Gateway's per-account quota for the operation.</summary>
    void Pacing(string operation, TimeSpan wait) { }

    /// <summary>An attempt's answer may have been lost and the client looked for what it made (<see cref="GwOperation.Reconcile"/>).</summary>
    void Reconciled(string operation, int attempt, string outcome) { }
}

public sealed record GwRequestRecord(string Operation, string Method, string Path, int? StatusCode, TimeSpan Elapsed, int Attempt, string? ErrorCode);
