using System.Collections.Concurrent;

namespace ApiGatewayTools.LocalGateway.State;

/// <summary>A key's standing on one API stage: who it is, whether it is enabled, and the plan that opens the stage to it.</summary>
internal sealed record ApiKeyAccess(string? KeyId, bool Enabled, UsagePlanRecord? Plan);

/// <summary>
/// Requests per usage plan, API key and UTC day: what a plan's quota is checked against and what GetUsage
/// reports. Each (plan, key) pair has its own small lock, so keys never wait for each other.
/// </summary>
internal sealed class UsageMeter
{
    private readonly ConcurrentDictionary<(string PlanId, string KeyId), KeyUsage> _usage = new();

    /// <summary>Counts one request unless the quota's current period is used up; false means "Limit Exceeded".</summary>
    public bool TryCount(string planId, string keyId, PlanQuota? quota, DateOnly today)
    {
        var usage = _usage.GetOrAdd((planId, keyId), _ => new KeyUsage());
        lock (usage)
        {
            if (quota is not null && usage.Between(PeriodStart(quota, today), today) >= quota.Limit)
            {
                return false;
            }
            usage.Days[today] = usage.Days.GetValueOrDefault(today) + 1;
            return true;
        }
    }

    /// <summary>
    /// GetUsage's daily log: for each day, the requests made that day and what the quota had left at its end
    /// (0 when the plan has no quota).
    /// </summary>
    public IReadOnlyList<(long Used, long Remaining)> Daily(string planId, string keyId, PlanQuota? quota, DateOnly start, DateOnly end)
    {
        var log = new List<(long, long)>();
        if (!_usage.TryGetValue((planId, keyId), out var usage))
        {
            usage = new KeyUsage();
        }
        lock (usage)
        {
            for (var day = start; day <= end; day = day.AddDays(1))
            {
                var used = usage.Days.GetValueOrDefault(day);
                var remaining = quota is null ? 0 : Math.Max(0, quota.Limit - usage.Between(PeriodStart(quota, day), day));
                log.Add((used, remaining));
            }
        }
        return log;
    }

    /// <summary>
    /// The first day of the quota period holding <paramref name="day"/>: the day itself for DAY; for WEEK the
    /// last weekday numbered by the offset (0 Sunday to 6 Saturday); for MONTH the last (offset + 1)th of a month.
    /// </summary>
    public static DateOnly PeriodStart(PlanQuota quota, DateOnly day)
    {
        switch (quota.Period)
        {
            case "WEEK":
                return day.AddDays(-(((int)day.DayOfWeek - quota.Offset + 7) % 7));
            case "MONTH":
                var startDay = quota.Offset + 1;
                var thisMonth = new DateOnly(day.Year, day.Month, startDay);
                return day >= thisMonth ? thisMonth : thisMonth.AddMonths(-1);
            default:
                return day;
        }
    }

    private sealed class KeyUsage
    {
        public Dictionary<DateOnly, long> Days { get; } = [];

        public long Between(DateOnly first, DateOnly last)
        {
            long total = 0;
            foreach (var (day, count) in Days)
            {
                if (day >= first && day <= last)
                {
                    total += count;
                }
            }
            return total;
        }
    }
}
