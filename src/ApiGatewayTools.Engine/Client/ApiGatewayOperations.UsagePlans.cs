using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiGatewayTools.Engine.Client;

/// <summary>
/// A usage plan as New-GwUsagePlan asks for it, or what Set-GwUsagePlan changes (null leaves a setting as it is,
/// see <see cref="Over"/>; ApiStages, when given, is the whole set). Per-method throttles are keyed as users write
/// methods ("GET /pets"); on the wire they are "{resourcePath}/{VERB}" ("/pets/GET").
/// </summary>
public sealed record UsagePlanSettings
{
    public const string InvalidQuotaErrorId = "InvalidUsagePlanQuota";
    public const string InvalidThrottleErrorId = "InvalidUsagePlanThrottle";
    public const string InvalidApiStageErrorId = "InvalidUsagePlanApiStage";
    public static readonly IReadOnlyList<string> QuotaPeriods = ["DAY", "WEEK", "MONTH"];

    public const string MissingNameErrorId = "MissingUsagePlanName";

    public string? Name { get; init; }
    public string? Description { get; init; }
    public double? ThrottleRateLimit { get; init; }
    public int? ThrottleBurstLimit { get; init; }
    public int? QuotaLimit { get; init; }
    public string? QuotaPeriod { get; init; }
    public int? QuotaOffset { get; init; }
    public IReadOnlyList<UsagePlanApiStage>? ApiStages { get; init; }

    /// <summary>These settings laid over <paramref name="current"/>, checked whole (a new period must suit the offset it keeps).</summary>
    public UsagePlanSettings Over(UsagePlan current) => new UsagePlanSettings
    {
        Name = Name ?? current.Name,
        Description = Description ?? current.Description,
        ThrottleRateLimit = ThrottleRateLimit ?? current.ThrottleRateLimit,
        ThrottleBurstLimit = ThrottleBurstLimit ?? current.ThrottleBurstLimit,
        QuotaLimit = QuotaLimit ?? current.QuotaLimit,
        QuotaPeriod = QuotaPeriod ?? current.QuotaPeriod,
        QuotaOffset = QuotaOffset ?? current.QuotaOffset,
        ApiStages = ApiStages ?? current.ApiStages,
    }.Validate();

    /// <summary>Every limit checked as API Gateway would check it, with the method keys read back in AWS's form.</summary>
    public UsagePlanSettings Validate()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new GwValidationException(MissingNameErrorId, "Name", "A usage plan needs a name, e.g. -Name Gold.");
        }
        CheckThrottle(ThrottleRateLimit, ThrottleBurstLimit, "ThrottleRateLimit", "ThrottleBurstLimit", "the plan");
        var period = QuotaPeriod?.ToUpperInvariant();
        if (period is not null && !QuotaPeriods.Contains(period))
        {
            throw new GwValidationException(InvalidQuotaErrorId, "QuotaPeriod",
                $"-QuotaPeriod '{QuotaPeriod}' is not a period API Gateway has: use DAY, WEEK or MONTH.");
        }
        if ((QuotaLimit is null) != (period is null))
        {
            throw new GwValidationException(InvalidQuotaErrorId, QuotaLimit is null ? "QuotaLimit" : "QuotaPeriod",
                "A quota needs both -QuotaLimit and -QuotaPeriod, e.g. -QuotaLimit 1000 -QuotaPeriod DAY.");
        }
        if (QuotaLimit is < 0)
        {
            throw new GwValidationException(InvalidQuotaErrorId, "QuotaLimit", $"-QuotaLimit {QuotaLimit} is negative: use the number of requests a key may make per period.");
        }
        if (QuotaOffset is { } offset)
        {
            var max = MaxQuotaOffset(period);
            if (offset < 0 || offset > max)
            {
                throw new GwValidationException(InvalidQuotaErrorId, "QuotaOffset", period is null
                    ? "-QuotaOffset needs a quota (-QuotaLimit and -QuotaPeriod)."
                    : $"-QuotaOffset {offset} is out of range for {period}: use 0 to {max} ({OffsetMeaning(period)}).");
            }
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stages = new List<UsagePlanApiStage>();
        foreach (var stage in ApiStages ?? [])
        {
            if (string.IsNullOrEmpty(stage.RestApiId) || string.IsNullOrEmpty(stage.StageName))
            {
                throw new GwValidationException(InvalidApiStageErrorId, "ApiStage",
                    "Each -ApiStage needs a RestApiId and a StageName, e.g. @{ RestApiId = 'a1b2c3d4e5'; StageName = 'prod' }.");
            }
            if (!seen.Add(stage.ToString()))
            {
                throw new GwValidationException(InvalidApiStageErrorId, "ApiStage", $"Stage {stage.StageName} of REST API {stage.RestApiId} is named twice in -ApiStage.");
            }
            var throttle = new Dictionary<string, ThrottleSettings>(StringComparer.Ordinal);
            foreach (var (method, limits) in stage.Throttle)
            {
                var target = StageMethodKey.Parse(method, "ApiStage");
                if (target.Path is null)
                {
                    throw new GwValidationException(InvalidApiStageErrorId, "ApiStage",
                        $"A usage plan throttles single methods: write 'GET /pets' rather than '{method}' (the plan's own throttle covers every method).");
                }
                CheckThrottle(limits.RateLimit, limits.BurstLimit, "ApiStage", "ApiStage", $"{target} of stage {stage.StageName}");
                throttle[target.ToString()] = limits;
            }
            stages.Add(stage with { Throttle = throttle });
        }
        return this with { QuotaPeriod = period, ApiStages = stages };
    }

    /// <summary>The day a period may start on: DAY has no choice, WEEK counts from Sunday (0) to Saturday (6), MONTH from the 1st (0) to the 28th (27).</summary>
    public static int MaxQuotaOffset(string? period) => period switch { "WEEK" => 6, "MONTH" => 27, _ => 0 };

    private static string OffsetMeaning(string period) => period switch
    {
        "WEEK" => "0 starts weeks on Sunday, 1 on Monday",
        "MONTH" => "0 starts months on the 1st, 27 on the 28th",
        _ => "a daily quota starts at midnight UTC",
    };

    private static void CheckThrottle(double? rate, int? burst, string rateParameter, string burstParameter, string what)
    {
        if (rate is { } r && (!double.IsFinite(r) || r < 0))
        {
            throw new GwValidationException(InvalidThrottleErrorId, rateParameter,
                $"The rate limit of {what} ({r.ToString(CultureInfo.InvariantCulture)}) must be a number of requests per second, 0 or more.");
        }
        if (burst is < 0)
        {
            throw new GwValidationException(InvalidThrottleErrorId, burstParameter, $"The burst limit of {what} ({burst}) must be 0 or more.");
        }
    }

    internal JsonObject Body() => new JsonObject { ["name"] = Name }
        .Put("description", Description)
        .Put("apiStages", new JsonArray((ApiStages ?? []).Select(stage => (JsonNode?)new JsonObject { ["apiId"] = stage.RestApiId, ["stage"] = stage.StageName }
            .Put("throttle", stage.Throttle.Count == 0 ? null : new JsonObject(stage.Throttle.Select(t =>
                KeyValuePair.Create(UsagePlanMethod.ToWire(t.Key), (JsonNode?)ThrottleJson(t.Value))))))
            .ToArray()))
        .Put("throttle", ThrottleRateLimit is null && ThrottleBurstLimit is null ? null : ThrottleJson(new ThrottleSettings(ThrottleRateLimit, ThrottleBurstLimit)))
        .Put("quota", QuotaLimit is null ? null : new JsonObject { ["limit"] = QuotaLimit, ["period"] = QuotaPeriod }.Put("offset", QuotaOffset));

    private static JsonObject ThrottleJson(ThrottleSettings throttle) => new JsonObject()
        .Put("rateLimit", throttle.RateLimit)
        .Put("burstLimit", throttle.BurstLimit);
}

/// <summary>Turns one usage plan into another as UpdateUsagePlan's patch operations.</summary>
public static class UsagePlanPatch
{
    /// <summary>The operations from <paramref name="current"/> to <paramref name="wanted"/> (validated, see <see cref="UsagePlanSettings.Over"/>); none when nothing differs.</summary>
    public static IReadOnlyList<PatchOperation> Patch(UsagePlan current, UsagePlanSettings wanted)
    {
        var patch = new List<PatchOperation>();
        void Replace(string path, string? now, string? then)
        {
            if (then is not null && then != now)
            {
                patch.Add(new("replace", path, then));
            }
        }
        Replace("/name", current.Name, wanted.Name);
        Replace("/description", current.Description, wanted.Description);
        Replace("/throttle/rateLimit", Text(current.ThrottleRateLimit), Text(wanted.ThrottleRateLimit));
        Replace("/throttle/burstLimit", Text(current.ThrottleBurstLimit), Text(wanted.ThrottleBurstLimit));
        Replace("/quota/limit", Text(current.QuotaLimit), Text(wanted.QuotaLimit));
        Replace("/quota/period", current.QuotaPeriod, wanted.QuotaPeriod);
        Replace("/quota/offset", Text(current.QuotaOffset), Text(wanted.QuotaOffset));
        var before = current.ApiStages.ToDictionary(s => s.ToString(), StringComparer.Ordinal);
        var after = (wanted.ApiStages ?? []).ToDictionary(s => s.ToString(), StringComparer.Ordinal);
        patch.AddRange(before.Keys.Where(key => !after.ContainsKey(key)).Select(key => new PatchOperation("remove", "/apiStages", key)));
        foreach (var (key, stage) in after)
        {
            var had = before.GetValueOrDefault(key);
            if (had is null)
            {
                patch.Add(new("add", "/apiStages", key));
            }
            var oldThrottle = had?.Throttle ?? new Dictionary<string, ThrottleSettings>();
            foreach (var method in oldThrottle.Keys.Where(m => !stage.Throttle.ContainsKey(m)))
            {
                patch.Add(new("remove", $"/apiStages/{key}/throttle/{UsagePlanMethod.ToPatchPath(method)}"));
            }
            foreach (var (method, limits) in stage.Throttle)
            {
                var old = oldThrottle.GetValueOrDefault(method);
                var path = $"/apiStages/{key}/throttle/{UsagePlanMethod.ToPatchPath(method)}";
                Replace(path + "/rateLimit", Text(old?.RateLimit), Text(limits.RateLimit));
                Replace(path + "/burstLimit", Text(old?.BurstLimit), Text(limits.BurstLimit));
            }
        }
        return patch;
    }

    private static string? Text(double? value) => value?.ToString(CultureInfo.InvariantCulture);
    private static string? Text(int? value) => value?.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A usage plan's method key: users write "GET /pets", the wire has "/pets/GET", a patch path "~1pets/GET".</summary>
public static class UsagePlanMethod
{
    public static string ToWire(string method)
    {
        var target = StageMethodKey.Parse(method, "ApiStage");
        return $"{target.Path}/{target.HttpMethod}";
    }

    public static string ToPatchPath(string method) => StageMethodKey.Parse(method, "ApiStage").Key;

    /// <summary>"/pets/GET" as "GET /pets"; "//GET" (the root) as "GET /".</summary>
    public static string FromWire(string key)
    {
        var slash = key.LastIndexOf('/');
        if (slash < 0)
        {
            return key;
        }
        var path = key[..slash];
        return $"{key[(slash + 1)..]} {(path.Length == 0 ? "/" : path)}";
    }
}

// Usage plans: CreateUsagePlan, GetUsagePlans, GetUsagePlan, UpdateUsagePlan, DeleteUsagePlan; their keys:
// CreateUsagePlanKey, GetUsagePlanKeys, DeleteUsagePlanKey; and GetUsage.
public static partial class ApiGatewayOperations
{
    /// <summary>New-GwUsagePlan keeps names unique: the one plan of this name and description is the one a lost attempt made.</summary>
    public static GwOperation<UsagePlan> CreateUsagePlan(UsagePlanSettings settings) =>
        Build("CreateUsagePlan", HttpMethod.Post, RestPath.Of("usageplans"), UsagePlanReader, settings.Body())
            .ReconciledBy(async (client, _, ct) =>
            {
                var sameName = new List<UsagePlan>();
                await foreach (var plan in client.ListAsync(GetUsagePlans(), ct).ConfigureAwait(false))
                {
                    if (plan.Name == settings.Name)
                    {
                        sameName.Add(plan);
                    }
                }

                return sameName is [var only] && only.Description == settings.Description ? only : null;
            });

    /// <summary>With <paramref name="keyId"/>, only the plans that key is in.</summary>
    public static GwListing<UsagePlan> GetUsagePlans(string? keyId = null) =>
        Listing("GetUsagePlans", RestPath.Of("usageplans"), keyId is null ? null : new Dictionary<string, string> { ["keyId"] = keyId }, UsagePlanReader);

    public static GwOperation<UsagePlan> GetUsagePlan(string usagePlanId) =>
        Build("GetUsagePlan", HttpMethod.Get, RestPath.Of("usageplans", usagePlanId), UsagePlanReader);

    public static GwOperation<UsagePlan> UpdateUsagePlan(string usagePlanId, IReadOnlyList<PatchOperation> operations) =>
        Build("UpdateUsagePlan", HttpMethod.Patch, RestPath.Of("usageplans", usagePlanId), UsagePlanReader, PatchBody(operations));

    public static GwOperation DeleteUsagePlan(string usagePlanId) =>
        Build("DeleteUsagePlan", HttpMethod.Delete, RestPath.Of("usageplans", usagePlanId));

    public static GwOperation<UsagePlanKey> CreateUsagePlanKey(string usagePlanId, string apiKeyId) =>
        Build("CreateUsagePlanKey", HttpMethod.Post, RestPath.Of("usageplans", usagePlanId, "keys"), UsagePlanKeyReader(usagePlanId),
            new JsonObject { ["keyId"] = apiKeyId, ["keyType"] = "API_KEY" })
            // A key is in a plan once (a repeat is refused as a conflict): the key there is what a lost attempt added.
            .ReconciledBy((client, _, ct) => client.FindAsync(GetUsagePlanKeys(usagePlanId), key => key.ApiKeyId == apiKeyId, ct));

    public static GwListing<UsagePlanKey> GetUsagePlanKeys(string usagePlanId) =>
        Listing("GetUsagePlanKeys", RestPath.Of("usageplans", usagePlanId, "keys"), null, UsagePlanKeyReader(usagePlanId));

    public static GwOperation DeleteUsagePlanKey(string usagePlanId, string apiKeyId) =>
        Build("DeleteUsagePlanKey", HttpMethod.Delete, RestPath.Of("usageplans", usagePlanId, "keys", apiKeyId));

    /// <summary>Each key's use per UTC day from <paramref name="start"/> to <paramref name="end"/>, one record a key a day.</summary>
    public static GwListing<UsageRecord> GetUsage(string usagePlanId, string? apiKeyId, DateOnly start, DateOnly end) =>
        new(position =>
        {
            var query = new Dictionary<string, string>
            {
                ["startDate"] = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["endDate"] = end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["limit"] = PageSize.ToString(CultureInfo.InvariantCulture),
            };
            if (apiKeyId is not null)
            {
                query["keyId"] = apiKeyId;
            }
            if (position is not null)
            {
                query["position"] = position;
            }
            return Build("GetUsage", HttpMethod.Get, RestPath.Of("usageplans", usagePlanId, "usage"),
                (json, connection) => new GwPage<UsageRecord>(UsageRecords(json, usagePlanId, start, connection), json.Str("position")), query: query);
        });

    /// <summary>AWS's Usage shape: its items travel as "values", {keyId: [[used, remaining], ...]} from the start date on.</summary>
    private static List<UsageRecord> UsageRecords(JsonElement json, string usagePlanId, DateOnly start, GwConnection connection)
    {
        var records = new List<UsageRecord>();
        if (json.Member("values") is not { ValueKind: JsonValueKind.Object } values)
        {
            return records;
        }
        foreach (var key in values.EnumerateObject())
        {
            var day = start;
            foreach (var entry in key.Value.EnumerateArray())
            {
                var pair = entry.EnumerateArray().Select(n => n.GetInt64()).ToList();
                records.Add(new UsageRecord
                {
                    Connection = connection,
                    UsagePlanId = usagePlanId,
                    ApiKeyId = key.Name,
                    Date = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                    Used = pair.ElementAtOrDefault(0),
                    Remaining = pair.ElementAtOrDefault(1),
                });
                day = day.AddDays(1);
            }
        }
        return records;
    }

    private static UsagePlan UsagePlanReader(JsonElement json, GwConnection connection)
    {
        var throttle = json.Member("throttle");
        var quota = json.Member("quota");
        return new UsagePlan
        {
            Connection = connection,
            UsagePlanId = json.Str("id") ?? "",
            Name = json.Str("name") ?? "",
            Description = json.Str("description"),
            ProductCode = json.Str("productCode"),
            ThrottleRateLimit = throttle?.Double("rateLimit"),
            ThrottleBurstLimit = throttle?.Int("burstLimit"),
            QuotaLimit = quota?.Int("limit"),
            QuotaPeriod = quota?.Str("period"),
            QuotaOffset = quota?.Int("offset"),
            ApiStages = json.Member("apiStages") is { ValueKind: JsonValueKind.Array } stages
                ? stages.EnumerateArray().Select(stage => new UsagePlanApiStage
                {
                    RestApiId = stage.Str("apiId") ?? "",
                    StageName = stage.Str("stage") ?? "",
                    Throttle = stage.Map("throttle", t => new ThrottleSettings(t.Double("rateLimit"), t.Int("burstLimit")))
                        .ToDictionary(pair => UsagePlanMethod.FromWire(pair.Key), pair => pair.Value, StringComparer.Ordinal),
                }).ToList()
                : [],
        };
    }

    /// <summary>AWS's UsagePlanKey shape; its value member is left unread, so a key's value never reaches output this way.</summary>
    private static Func<JsonElement, GwConnection, UsagePlanKey> UsagePlanKeyReader(string usagePlanId) =>
        (json, connection) => new UsagePlanKey
        {
            Connection = connection,
            UsagePlanId = usagePlanId,
            ApiKeyId = json.Str("id") ?? "",
            Name = json.Str("name") ?? "",
            Type = json.Str("type") ?? "API_KEY",
        };
}
