using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace ApiGatewayTools.Engine.Internal;

/// <summary>
/// Sends one <see cref="GwOperation"/>: quota pacing (AWS endpoints only), SigV4 signing, retries with
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

    public async Task<string> SendAsync(GwOperation operation, CancellationToken ct)
    {
        var customEndpoint = CustomEndpointFor(operation.Service);
        var endpoint = customEndpoint ?? InvokeUrls.RegionalEndpoint(operation.Service, _connection.Region);
        var paced = operation.Service == ServiceNames.ApiGateway && customEndpoint is null;
        var wirePath = endpoint.AbsolutePath.TrimEnd('/') + operation.Path;
        var query = operation.Query.ToList();
        var requestUri = new Uri(endpoint.GetLeftPart(UriPartial.Authority) + wirePath + RestPath.QueryString(query));
        var body = operation.Body is null ? [] : Encoding.UTF8.GetBytes(operation.Body);

        for (var attempt = 1; ; attempt++)
        {
            ct.ThrowIfCancellationRequested();
            var credentials = await _connection.Credentials.GetCredentialsAsync().ConfigureAwait(false);
            if (paced)
            {
                await QuotaPacer.For(endpoint.Host, _connection.Region, credentials.AccessKey)
                    .AcquireAsync(operation.Name, wait => _listener?.Waiting(operation.Name, wait, attempt, "quota pacing"), _retry.Delay, ct)
                    .ConfigureAwait(false);
            }

            var clock = Stopwatch.StartNew();
            using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            attemptTimeout.CancelAfter(_retry.AttemptTimeout);
            try
            {
                using var request = BuildSignedRequest(operation, requestUri, wirePath, query, body, credentials);
                using var response = await SharedHttp.Client.SendAsync(request, HttpCompletionOption.ResponseContentRead, attemptTimeout.Token).ConfigureAwait(false);
                var text = await response.Content.ReadAsStringAsync(attemptTimeout.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    Report(operation, response.StatusCode, clock.Elapsed, attempt, null);
                    return text;
                }

                var error = ServiceErrorParser.Parse(response.StatusCode, HeaderValue(response, ServiceErrorParser.ErrorTypeHeader), HeaderValue(response, ServiceErrorParser.RequestIdHeader), text, operation.Name);
                Report(operation, response.StatusCode, clock.Elapsed, attempt, error.ErrorId);
                var failure = RetryPolicy.Classify(error);
                if (failure == FailureClass.NotRetryable || attempt >= RetryPolicy.MaxAttempts(_retry, failure))
                {
                    throw error;
                }

                await WaitAsync(operation, attempt, RetryPolicy.ParseRetryAfter(response), error.ErrorId, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsDroppedConnection(ex, ct))
            {
                Report(operation, null, clock.Elapsed, attempt, "ConnectionError");
                if (attempt >= _retry.MaxOtherAttempts)
                {
                    throw new GwConnectionException(operation.Name, endpoint, ex);
                }

                await WaitAsync(operation, attempt, null, ex.GetType().Name, ct).ConfigureAwait(false);
            }
        }
    }

    private HttpRequestMessage BuildSignedRequest(GwOperation operation, Uri requestUri, string wirePath,
        IReadOnlyList<KeyValuePair<string, string>> query, byte[] body, Amazon.Runtime.ImmutableCredentials credentials)
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
        if (operation.Body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
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
}

internal static class ServiceNames
{
    public const string ApiGateway = "apigateway";
    public const string Lambda = "lambda";
}
