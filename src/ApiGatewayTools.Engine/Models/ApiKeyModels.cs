namespace ApiGatewayTools.Engine.Models;

/// <summary>An API key of the account. Its value is read only when asked for (-IncludeValue) and is otherwise null.</summary>
public sealed record ApiKey : GwObject
{
    public string ApiKeyId { get; init; } = "";
    public string Name { get; init; } = "";
    public string? Description { get; init; }
    public string? CustomerId { get; init; }
    public bool Enabled { get; init; }
    public DateTimeOffset? CreatedDate { get; init; }
    public DateTimeOffset? LastUpdatedDate { get; init; }
    /// <summary>Stages the key was bound to directly ("restApiId/stageName"); usage plans are how keys reach stages now.</summary>
    public IReadOnlyList<string> StageKeys { get; init; } = [];
    /// <summary>The key's value; null unless it was asked for.</summary>
    public string? Value { get; init; }

    /// <summary>Never the value.</summary>
    public override string ToString() => $"{Name} ({ApiKeyId})";
}

/// <summary>A throttle: steady requests per second and the burst above it. Either may be unset.</summary>
public sealed record ThrottleSettings(double? RateLimit, int? BurstLimit)
{
    public override string ToString() => $"{RateLimit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}/s burst {BurstLimit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}";
}

/// <summary>One API stage a usage plan opens to its keys, with throttles of its own for some methods ("GET /pets").</summary>
public sealed record UsagePlanApiStage
{
    public string RestApiId { get; init; } = "";
    public string StageName { get; init; } = "";
    /// <summary>Per-method throttles keyed "VERB /resource/path".</summary>
    public IReadOnlyDictionary<string, ThrottleSettings> Throttle { get; init; } = new Dictionary<string, ThrottleSettings>();

    public override string ToString() => $"{RestApiId}:{StageName}";
}

/// <summary>A usage plan: which API stages its keys may call, how fast and how often.</summary>
public sealed record UsagePlan : GwObject
{
    public string UsagePlanId { get; init; } = "";
    public string Name { get; init; } = "";
    public string? Description { get; init; }
    public string? ProductCode { get; init; }
    public double? ThrottleRateLimit { get; init; }
    public int? ThrottleBurstLimit { get; init; }
    public int? QuotaLimit { get; init; }
    /// <summary>DAY, WEEK or MONTH.</summary>
    public string? QuotaPeriod { get; init; }
    /// <summary>The day a quota period starts: 0 to 6 from Sunday for WEEK, 0 to 27 from the 1st for MONTH.</summary>
    public int? QuotaOffset { get; init; }
    public IReadOnlyList<UsagePlanApiStage> ApiStages { get; init; } = [];

    public override string ToString() => $"{Name} ({UsagePlanId})";
}

/// <summary>An API key in a usage plan. The key's value is not carried.</summary>
public sealed record UsagePlanKey : GwObject
{
    public string UsagePlanId { get; init; } = "";
    public string ApiKeyId { get; init; } = "";
    public string Name { get; init; } = "";
    /// <summary>API_KEY, the one type AWS has.</summary>
    public string Type { get; init; } = "API_KEY";

    public override string ToString() => $"{Name} ({ApiKeyId}) in usage plan {UsagePlanId}";
}

/// <summary>One day of one key's use of a usage plan, as GetUsage reports it (UTC days).</summary>
public sealed record UsageRecord : GwObject
{
    public string UsagePlanId { get; init; } = "";
    public string ApiKeyId { get; init; } = "";
    public DateTime Date { get; init; }
    /// <summary>Requests the key made that day.</summary>
    public long Used { get; init; }
    /// <summary>What the quota had left at the end of that day.</summary>
    public long Remaining { get; init; }
}
