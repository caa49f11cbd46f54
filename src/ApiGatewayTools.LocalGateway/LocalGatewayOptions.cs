namespace ApiGatewayTools.LocalGateway;

public sealed record LocalGatewayOptions
{
    /// <summary>API Gateway's default account-level throttle: requests per second, refilled steadily.</summary>
    public const double DefaultAccountRateLimit = 10_000;
    /// <summary>API Gateway's default account-level burst: how many requests may arrive at once.</summary>
    public const int DefaultAccountBurstLimit = 5_000;

    /// <summary>0 picks a free loopback port.</summary>
    public int Port { get; init; }
    /// <summary>When set, only requests signed with this access key and its secret are accepted.</summary>
    public string? StrictAccessKey { get; init; }
    public string? StrictSecretKey { get; init; }
    /// <summary>When set, one JSON line per request is appended to this file (no headers, bodies or credentials).</summary>
    public string? LogPath { get; init; }
    /// <summary>The account-level throttle every invoke URL shares (requests per second); lower it to see 429s sooner.</summary>
    public double AccountRateLimit { get; init; } = DefaultAccountRateLimit;
    /// <summary>The account-level burst (token bucket capacity).</summary>
    public int AccountBurstLimit { get; init; } = DefaultAccountBurstLimit;

    /// <summary>The clock throttling and cache expiry read; tests move a manual one instead of waiting.</summary>
    internal TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>How long a request's line and headers may take to arrive before its connection is closed; shorter in tests.</summary>
    internal TimeSpan HeaderTimeout { get; init; } = Http.StalledRequestSweeper.DefaultHeaderTimeout;
    /// <summary>Draws the canary's share of requests (a number in [0, 1) per request); tests pass a seeded one.</summary>
    internal Func<double> CanaryDraw { get; init; } = Random.Shared.NextDouble;

    /// <summary>The share of AWS API calls (control plane and Lambda API, never invoke URLs) that meet a fault, 0 to 1.</summary>
    public double FaultRate { get; init; }
    /// <summary>The faults to pick from when a call meets one; empty means every kind.</summary>
    public IReadOnlyCollection<LocalFault> FaultKinds { get; init; } = [];
    /// <summary>The seed of the fault sequence: the same seed and the same calls meet the same faults.</summary>
    public int FaultSeed { get; init; }

    /// <summary>
    /// Enforce API Gateway's per-account control-plane quotas (CreateResource 5/s, every other operation 10/s, ...),
    /// answering 429 TooManyRequestsException with Retry-After as AWS does. Checked before a fault is drawn.
    /// </summary>
    public bool EmulateQuotas { get; init; }

    /// <summary>
    /// When set, the state is loaded from this file at start (when it exists) and written back after each change
    /// and at a clean stop, atomically. A file that is not a readable state file stops the start.
    /// </summary>
    public string? StatePath { get; init; }
}
