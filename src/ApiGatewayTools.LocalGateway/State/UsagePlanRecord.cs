using ApiGatewayTools.LocalGateway.DataPlane.Practices;

namespace ApiGatewayTools.LocalGateway.State;

/// <summary>A usage plan's or a method's throttle; either limit may be unset.</summary>
internal sealed record PlanThrottle(double? RateLimit, int? BurstLimit)
{
    /// <summary>The token bucket's limits; an unset limit lets everything through (AWS's account limits still apply).</summary>
    public ThrottleLimit? Limit => RateLimit is null && BurstLimit is null
        ? null
        : new ThrottleLimit(RateLimit ?? double.MaxValue, BurstLimit ?? int.MaxValue);
}

/// <summary>How many requests a key may make per DAY, WEEK or MONTH; the offset is the day a period starts.</summary>
internal sealed record PlanQuota(int Limit, int Offset, string Period);

/// <summary>One API stage a plan covers, with per-method throttles keyed "{resourcePath}/{HTTPMETHOD}".</summary>
internal sealed record PlanApiStage(string ApiId, string Stage, Dictionary<string, PlanThrottle> Throttle)
{
    public string Key => $"{ApiId}:{Stage}";
}

/// <summary>A usage plan of the account: the API stages it opens to its keys, and its throttle and quota.</summary>
internal sealed record UsagePlanRecord
{
    public required string Id { get; init; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? ProductCode { get; set; }
    public PlanThrottle? Throttle { get; set; }
    public PlanQuota? Quota { get; set; }
    public List<PlanApiStage> ApiStages { get; init; } = [];
    /// <summary>The API keys in the plan (UsagePlanKeys), in the order they were added.</summary>
    public List<string> KeyIds { get; init; } = [];

    public UsagePlanRecord Copy() => this with
    {
        ApiStages = ApiStages.Select(s => s with { Throttle = new Dictionary<string, PlanThrottle>(s.Throttle, StringComparer.Ordinal) }).ToList(),
        KeyIds = [.. KeyIds],
    };
}
