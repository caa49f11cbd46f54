namespace ApiGatewayTools.Engine.Client;

/// <summary>
/// How many times a call is tried, as the caller set it: -MaxRetry (retries after the first attempt) wins, then
/// AWS_MAX_ATTEMPTS (every attempt, the first included, as AWS's SDKs read it), then AWS_RETRY_MODE: standard and
/// adaptive make three attempts as AWS's SDKs do (adaptive also paces every endpoint by AWS's quotas); legacy, or
/// nothing set, keeps this module's own patience (eight attempts for throttling, five for other faults).
/// </summary>
public sealed record GwRetrySettings
{
    public const string InvalidMaxAttemptsErrorId = "InvalidMaxAttempts";
    public const string InvalidRetryModeErrorId = "InvalidRetryMode";
    public const string MaxAttemptsVariable = "AWS_MAX_ATTEMPTS";
    public const string RetryModeVariable = "AWS_RETRY_MODE";
    private const int StandardModeAttempts = 3;

    public static GwRetrySettings Default { get; } = new();

    /// <summary>Every attempt, the first included; null for the module's own defaults.</summary>
    public int? MaxAttempts { get; init; }
    public bool Adaptive { get; init; }

    /// <summary>Reads the environment; an unreadable value is a configuration error that says what to write.</summary>
    public static GwRetrySettings Resolve(int? maxRetry, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var mode = environment(RetryModeVariable)?.Trim().ToLowerInvariant() switch
        {
            null or "" or "legacy" => "legacy",
            "standard" => "standard",
            "adaptive" => "adaptive",
            var other => throw new GwConfigurationException(InvalidRetryModeErrorId,
                $"{RetryModeVariable} is '{other}', which is not a retry mode: set it to standard, adaptive or legacy, or remove it."),
        };
        int? attempts = mode == "legacy" ? null : StandardModeAttempts;
        if (environment(MaxAttemptsVariable) is { Length: > 0 } text)
        {
            attempts = int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new GwConfigurationException(InvalidMaxAttemptsErrorId,
                    $"{MaxAttemptsVariable} is '{text}', which is not a number of attempts: set it to a whole number of at least 1 (1 means no retry), or remove it.");
        }

        if (maxRetry is { } retries)
        {
            attempts = retries + 1;
        }

        return new GwRetrySettings { MaxAttempts = attempts, Adaptive = mode == "adaptive" };
    }

    internal RetryOptions ToOptions() => RetryOptions.Default with { MaxAttempts = MaxAttempts, PaceEveryEndpoint = Adaptive };
}
