using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace ApiGatewayTools.Engine.Internal;

/// <summary>
/// Sends one <see cref="GwOperation"/>: quota pacing (AWS and endpoints that enforce its quotas), SigV4 signing, retries with
/// backoff, error parsing and activity reporting. Answers the body of the successful response.
/// </summary>
internal sealed class GwTransport
{
    private readonly GwConnection _connection;
    private readonly IGwActivityListener? _listener;
    private readonly RetryOptions _retry;

    public GwTransport(GwConnection connection, IGwActivityListener? listener, RetryOptions? retry)
    {
        _connection = connection;
        _listener = listener;
        _retry = retry ?? RetryOptions.Default;
    }

    /// <summary>The caller's endpoint for the service, or null for AWS's own.</summary>
    private Uri? CustomEndpointFor(string service) =>
        service == ServiceNames.Lambda ? _connection.LambdaEndpoint : _connection.ApiGatewayEndpoint;

    /// <summary>
    /// Sends the operation until it succeeds or the retry budget is spent. Every attempt counts against one budget
    /// (<see cref="RetryPolicy.MaxAttempts"/>) and shows in the listener. When an attempt's answer may have been
    /// lost after the service acted on it (a dropped connection or timeout once the request was out, or a 5xx) and
    /// the operation knows how to look (<see cref="GwOperation.Reconcile"/>), the next attempt first looks for what
    /// the lost one made, and a 409 Conflict on a later attempt looks again: what exists with the intended settings
    /// is the answer. A DELETE whose earlier attempt's answer was lost and that now finds nothing has done its work.
    /// </summary>
    /// <param name="find">The operation's reconcile, bound to a client; null to retry blindly.</param>
    public async Task<GwTransportAnswer> SendAsync(GwOperation operation, Func<CancellationToken, Task<object?>>? find, CancellationToken ct)
    {
        var customEndpoint = CustomEndpointFor(operation.Service);
        var endpoint = customEndpoint ?? InvokeUrls.RegionalEndpoint(operation.Service, _connection.Region);
        var paced = operation.Service == ServiceNames.ApiGateway && (_connection.PacedToQuotas || _retry.PaceEveryEndpoint);
        var wirePath = endpoint.AbsolutePath.TrimEnd('/') + operation.Path;
        var query = operation.Query.ToList();
        var requestUri = new Uri(endpoint.GetLeftPart(UriPartial.Authority) + wirePath + RestPath.QueryString(query));
        var body = operation.Body is null ? [] : Encoding.UTF8.GetBytes(operation.Body);
        var answerMayBeLost = false;

        for (var attempt = 1; ; attempt++)
        {
            ct.ThrowIfCancellationRequested();
            if (answerMayBeLost && find is not null && await FindLostAsync(operation, find, attempt - 1, ct).ConfigureAwait(false) is { } made)
            {
                return GwTransportAnswer.Found(made);
            }

            var credentials = await _connection.Credentials.GetCredentialsAsync().ConfigureAwait(false);
            var pacer = paced ? QuotaPacer.For(endpoint.Authority, _connection.Region, credentials.AccessKey) : null;
            if (pacer is not null)
            {
                await pacer.AcquireAsync(operation.Name, wait => _listener?.Pacing(operation.Name, wait), _retry.Delay, ct).ConfigureAwait(false);
            }

            var clock = Stopwatch.StartNew();
            using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            attemptTimeout.CancelAfter(_retry.AttemptTimeout);
            var sends = new SendCounter();
            try
            {
                using var request = BuildSignedRequest(operation, requestUri, wirePath, query, body, credentials, sends);
                using var response = await SharedHttp.Client.SendAsync(request, HttpCompletionOption.ResponseContentRead, attemptTimeout.Token).ConfigureAwait(false);
                pacer?.Settle(operation.Name);
                var text = await response.Content.ReadAsStringAsync(attemptTimeout.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    Report(operation, response.StatusCode, clock.Elapsed, attempt, null);
                    return GwTransportAnswer.Read(text);
                }

                var error = ServiceErrorParser.Parse(response.StatusCode, HeaderValue(response, ServiceErrorParser.ErrorTypeHeader), HeaderValue(response, ServiceErrorParser.RequestIdHeader), text, operation.Name);
                Report(operation, response.StatusCode, clock.Elapsed, attempt, error.ErrorId);
                if (answerMayBeLost && error.Kind == GwErrorKind.Conflict && find is not null
                    && await FindLostAsync(operation, find, attempt, ct).ConfigureAwait(false) is { } theirs)
                {
                    return GwTransportAnswer.Found(theirs);
                }

                if (answerMayBeLost && error.Kind == GwErrorKind.NotFound && operation.Method == HttpMethod.Delete)
                {
                    _listener?.Reconciled(operation.Name, attempt, "an earlier attempt's answer was lost and the object is gone: that attempt deleted it");
                    return GwTransportAnswer.Read("{}");
                }

                var failure = RetryPolicy.Classify(error);
                if (failure == FailureClass.NotRetryable || attempt >= RetryPolicy.MaxAttempts(_retry, failure))
                {
                    throw error;
                }

                // A 5xx may come after the service acted; throttling and conflicts come before it does anything.
                answerMayBeLost |= (int)response.StatusCode >= 500;
                await WaitAsync(operation, attempt, RetryPolicy.ParseRetryAfter(response), error.ErrorId, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsDroppedConnection(ex, ct))
            {
                pacer?.Settle(operation.Name);
                Report(operation, null, clock.Elapsed, attempt, "ConnectionError");
                answerMayBeLost |= sends.Count > 0;
                if (attempt >= RetryPolicy.MaxAttempts(_retry, FailureClass.Transient))
                {
                    throw new GwConnectionException(operation.Name, endpoint, ex, answerMayBeLost);
                }

                await WaitAsync(operation, attempt, null, ex.GetType().Name, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Asks the operation's reconcile what a lost attempt made; says what it found either way.</summary>
    private async Task<object?> FindLostAsync(GwOperation operation, Func<CancellationToken, Task<object?>> find, int lostAttempt, CancellationToken ct)
    {
        var made = await find(ct).ConfigureAwait(false);
        _listener?.Reconciled(operation.Name, lostAttempt, made is null
            ? "the answer may have been lost; nothing it would have made exists, so it is sent again"
            : "the answer was lost, but what it made exists with the intended settings; carrying on with it");
        return made;
    }

    private HttpRequestMessage BuildSignedRequest(GwOperation operation, Uri requestUri, string wirePath,
        IReadOnlyList<KeyValuePair<string, string>> query, byte[] body, Amazon.Runtime.ImmutableCredentials credentials, SendCounter sends)
    {
        var now = DateTime.UtcNow;
        var signed = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["host"] = requestUri.Authority,
            ["x-amz-date"] = SigV4Signer.FormatAmzDate(now),
        };
        if (credentials.UseToken)
        {
            signed["x-amz-security-token"] = credentials.Token;
        }

        var signature = SigV4Signer.Sign(
            new SigV4Request(operation.Method.Method, SigV4Signer.CanonicalUri(wirePath), query, signed, body),
            new SigV4Scope(_connection.Region, operation.Service, now),
            credentials.AccessKey, credentials.SecretKey);

        var request = new HttpRequestMessage(operation.Method, requestUri);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", signed["x-amz-date"]);
        if (credentials.UseToken)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", credentials.Token);
        }

        request.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
        // Every request carries content, an empty body for GET and DELETE too. SocketsHttpHandler silently re-sends a
        // request without content when a pooled connection turns out closed after the request went out (a lost answer
        // looks exactly like that); a request with content it never re-sends, so every re-send is this loop's: it
        // shows in the listener, counts against the budget and looks for what the lost attempt made first. The
        // content counts how often it was written, which tells a dropped connection before the request left from one after.
        request.Content = new CountedContent(body, sends);
        if (operation.Body is not null)
        {
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(operation.ContentType);
        }

        if (operation.Accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", operation.Accept);
        }
        return request;
    }

    private async Task WaitAsync(GwOperation operation, int attempt, TimeSpan? retryAfter, string reason, CancellationToken ct)
    {
        var delay = RetryPolicy.DelayBeforeRetry(_retry, attempt, retryAfter);
        _listener?.Waiting(operation.Name, delay, attempt, reason);
        await _retry.Delay(delay, ct).ConfigureAwait(false);
    }

    private void Report(GwOperation operation, HttpStatusCode? status, TimeSpan elapsed, int attempt, string? errorCode) =>
        _listener?.RequestCompleted(new GwRequestRecord(operation.Name, operation.Method.Method, operation.Path, status is null ? null : (int)status, elapsed, attempt, errorCode));

    /// <summary>Connection resets, refused connections and attempt timeouts; never the caller's own cancellation.</summary>
    private static bool IsDroppedConnection(Exception ex, CancellationToken callerToken) => ex switch
    {
        OperationCanceledException => !callerToken.IsCancellationRequested,
        HttpRequestException or IOException => true,
        _ => false,
    };

    private static string? HeaderValue(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>How many times one attempt's request was written to a connection.</summary>
    private sealed class SendCounter
    {
        private int _count;
        public int Count => Volatile.Read(ref _count);
        public void Add() => Interlocked.Increment(ref _count);
    }

    /// <summary>The request body (possibly empty), counting each write.</summary>
    private sealed class CountedContent(byte[] body, SendCounter sends) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            sends.Add();
            await stream.WriteAsync(body, cancellationToken).ConfigureAwait(false);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = body.Length;
            return true;
        }
    }
}

/// <summary>What a call came back with: the service's answer to read, or what a reconcile found a lost attempt had made.</summary>
internal sealed record GwTransportAnswer(string? Text, object? Made)
{
    public static GwTransportAnswer Read(string text) => new(text, null);
    public static GwTransportAnswer Found(object made) => new(null, made);
}

internal static class ServiceNames
{
    public const string ApiGateway = "apigateway";
    public const string Lambda = "lambda";
}
