namespace ApiGatewayTools.Engine.Internal;

/// <summary>
/// How hard the client tries: full-jitter exponential backoff, more patience for throttling than for
/// other transient faults. Delay and randomness are injectable so tests check timing without sleeping.
/// </summary>
internal sealed record RetryOptions
{
    public static RetryOptions Default { get; } = new();

    public int MaxThrottleAttempts { get; init; } = 8;
    public int MaxOtherAttempts { get; init; } = 5;
    /// <summary>
    /// When set (-MaxRetry, AWS_MAX_ATTEMPTS, or AWS_RETRY_MODE standard/adaptive), every attempt of a call counts
    /// against this one number, whatever failed: throttling, 5xx, dropped connections and the transport's own re-sends.
    /// </summary>
    public int? MaxAttempts { get; init; }
    /// <summary>Adaptive mode: the client paces itself by AWS's quotas on every endpoint, not only AWS's own.</summary>
    public bool PaceEveryEndpoint { get; init; }
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(100);
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(20);
    /// <summary>How long one attempt may take before it counts as a dropped connection.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>A value in [0, 1).</summary>
    public Func<double> NextRandom { get; init; } = Random.Shared.NextDouble;
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = Task.Delay;
}

/// <summary>Why an attempt failed, as far as retrying is concerned.</summary>
internal enum FailureClass
{
    NotRetryable,
    Throttled,
    Transient,
}

internal static class RetryPolicy
{
    public const string ConcurrentModificationMarker = "concurrent modification";

    public static FailureClass Classify(GwServiceException error)
    {
        var status = (int)error.StatusCode;
        if (status == 429 || error.ErrorId == "TooManyRequestsException")
        {
            return FailureClass.Throttled;
        }

        if (status >= 500)
        {
            return FailureClass.Transient;
        }
        // API Gateway answers 409 when two changes to one API race; AWS's own message says to try again.
        if (error.ErrorId == "ConflictException" && error.Message.Contains(ConcurrentModificationMarker, StringComparison.OrdinalIgnoreCase))
        {
            return FailureClass.Transient;
        }

        return FailureClass.NotRetryable;
    }

    public static int MaxAttempts(RetryOptions options, FailureClass failure) =>
        options.MaxAttempts ?? (failure == FailureClass.Throttled ? options.MaxThrottleAttempts : options.MaxOtherAttempts);

    /// <summary>Full jitter: uniform in [0, min(cap, base * 2^(attempt-1))].</summary>
    public static TimeSpan Backoff(RetryOptions options, int attempt)
    {
        var exponent = Math.Min(attempt - 1, 30);
        var ceiling = Math.Min(options.MaxDelay.TotalMilliseconds, options.BaseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(ceiling * options.NextRandom());
    }

    /// <summary>The server's Retry-After wins when it says anything; it is still bounded by the cap.</summary>
    public static TimeSpan DelayBeforeRetry(RetryOptions options, int attempt, TimeSpan? retryAfter) =>
        retryAfter is { } serverSays && serverSays > TimeSpan.Zero
            ? (serverSays < options.MaxDelay ? serverSays : options.MaxDelay)
            : Backoff(options, attempt);

    public static TimeSpan? ParseRetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            return date - DateTimeOffset.UtcNow;
        }

        return null;
    }
}
