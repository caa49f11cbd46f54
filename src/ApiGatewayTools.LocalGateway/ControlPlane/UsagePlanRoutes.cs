using System.Globalization;
using System.Text.Json;
using ApiGatewayTools.LocalGateway.Http;
using ApiGatewayTools.LocalGateway.Json;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway.ControlPlane;

/// <summary>
/// Usage plans (Create/Get/Update/DeleteUsagePlan), their keys (Create/Get/DeleteUsagePlanKey) and GetUsage:
/// the plan's record, JSON, patch paths and checks in one place. Plans belong to the account and name the
/// API stages they open; the invoke URLs enforce them (DataPlane/Chain/ApiKeyStage).
/// </summary>
internal sealed class UsagePlanRoutes(GatewayState state) : IRouteArea
{
    private static readonly string[] Periods = ["DAY", "WEEK", "MONTH"];

    public void Register(Router router)
    {
        router.MapCollection("UsagePlan", "/usageplans", "usageplanId", Create, List, Get, Update, Delete);
        router.Map("POST", "/usageplans/{usageplanId}/keys", "CreateUsagePlanKey", CreateKey);
        router.Map("GET", "/usageplans/{usageplanId}/keys", "GetUsagePlanKeys", ListKeys);
        router.Map("GET", "/usageplans/{usageplanId}/keys/{keyId}", "GetUsagePlanKey", GetKey);
        router.Map("DELETE", "/usageplans/{usageplanId}/keys/{keyId}", "DeleteUsagePlanKey", DeleteKey);
        router.Map("GET", "/usageplans/{usageplanId}/usage", "GetUsage", Usage);
    }

    private GatewayResponse Create(GatewayRequest request)
    {
        var body = request.Json;
        lock (state.Sync)
        {
            var id = state.UsagePlans.NewId(IdGenerator.NewUsagePlanId);
            var plan = new UsagePlanRecord
            {
                Id = id,
                Name = JsonRead.RequiredString(body, "name"),
                Description = JsonRead.String(body, "description"),
                ProductCode = JsonRead.String(body, "productCode"),
                Throttle = JsonRead.Object(body, "throttle") is { } throttle ? ReadThrottle(throttle) : null,
                Quota = JsonRead.Object(body, "quota") is { } quota ? ReadQuota(quota) : null,
                ApiStages = ReadApiStages(body),
            };
            Validate(plan);
            state.UsagePlans.Add(plan);
            return GatewayResponse.Json(201, w => Write(w, plan));
        }
    }

    /// <summary>keyId lists only the plans that key is in.</summary>
    private GatewayResponse List(GatewayRequest request)
    {
        var keyId = request.QueryValue("keyId");
        lock (state.Sync)
        {
            var plans = state.UsagePlans.Values.Where(p => keyId is null || p.KeyIds.Contains(keyId)).ToList();
            return Paging.Page(request, plans, Write);
        }
    }

    private GatewayResponse Get(GatewayRequest request)
    {
        lock (state.Sync)
        {
            var plan = state.UsagePlans.Get(request.Route("usageplanId"));
            return GatewayResponse.Json(200, w => Write(w, plan));
        }
    }

    private GatewayResponse Update(GatewayRequest request)
    {
        var operations = PatchOperation.ReadAll(request.Json);
        lock (state.Sync)
        {
            var plan = state.UsagePlans.Replace(
                PatchOperation.ApplyAll(operations, state.UsagePlans.Get(request.Route("usageplanId")).Copy(), Apply, Validate));
            return GatewayResponse.Json(200, w => Write(w, plan));
        }
    }

    private GatewayResponse Delete(GatewayRequest request)
    {
        lock (state.Sync)
        {
            state.UsagePlans.Remove(state.UsagePlans.Get(request.Route("usageplanId")).Id);
            return GatewayResponse.Empty(202);
        }
    }

    /// <summary>A key may be in several plans, but only one plan per API stage may reach it.</summary>
    private GatewayResponse CreateKey(GatewayRequest request)
    {
        var body = request.Json;
        var keyId = JsonRead.RequiredString(body, "keyId");
        var keyType = JsonRead.RequiredString(body, "keyType");
        if (keyType != "API_KEY")
        {
            throw GatewayError.BadRequest($"Invalid key type specified: {keyType}. Valid key type: API_KEY");
        }
        lock (state.Sync)
        {
            var plan = state.UsagePlans.Get(request.Route("usageplanId")).Copy();
            var key = state.ApiKeys.Get(keyId);
            if (plan.KeyIds.Contains(keyId))
            {
                throw GatewayError.Conflict("Usage Plan Key already exists");
            }
            var stages = plan.ApiStages.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
            if (state.UsagePlans.Values.FirstOrDefault(other => other.KeyIds.Contains(keyId) && other.ApiStages.Any(s => stages.Contains(s.Key))) is { } clash)
            {
                throw GatewayError.Conflict(
                    $"Usage Plan {plan.Id} cannot be added because API Key {keyId} cannot reference multiple Usage Plans with the same API Stage (it is in usage plan {clash.Id})");
            }
            plan.KeyIds.Add(keyId);
            state.UsagePlans.Replace(plan);
            return GatewayResponse.Json(201, w => WriteKey(w, key));
        }
    }

    /// <summary>nameQuery filters by the key's name (a prefix).</summary>
    private GatewayResponse ListKeys(GatewayRequest request)
    {
        var name = request.QueryValue("name");
        lock (state.Sync)
        {
            var keys = state.UsagePlans.Get(request.Route("usageplanId")).KeyIds
                .Select(id => state.ApiKeys.TryGetValue(id, out var key) ? key : null)
                .OfType<ApiKeyRecord>()
                .Where(k => name is null || (k.Name ?? "").StartsWith(name, StringComparison.Ordinal))
                .ToList();
            return Paging.Page(request, keys, WriteKey);
        }
    }

    private GatewayResponse GetKey(GatewayRequest request)
    {
        lock (state.Sync)
        {
            var key = PlanKey(state.UsagePlans.Get(request.Route("usageplanId")), request.Route("keyId"));
            return GatewayResponse.Json(200, w => WriteKey(w, key));
        }
    }

    private GatewayResponse DeleteKey(GatewayRequest request)
    {
        lock (state.Sync)
        {
            var plan = state.UsagePlans.Get(request.Route("usageplanId")).Copy();
            var key = PlanKey(plan, request.Route("keyId"));
            plan.KeyIds.Remove(key.Id);
            state.UsagePlans.Replace(plan);
            return GatewayResponse.Empty(202);
        }
    }

    /// <summary>Per key of the plan (or the one keyId names), per UTC day: [requests made, quota left at the day's end].</summary>
    private GatewayResponse Usage(GatewayRequest request)
    {
        var start = ReadDate(request, "startDate");
        var end = ReadDate(request, "endDate");
        if (end < start)
        {
            throw GatewayError.BadRequest("The end date must not be before the start date.");
        }
        var keyId = request.QueryValue("keyId");
        lock (state.Sync)
        {
            var plan = state.UsagePlans.Get(request.Route("usageplanId"));
            if (keyId is not null && !plan.KeyIds.Contains(keyId))
            {
                throw GatewayError.NotFound("Invalid Key identifier specified");
            }
            var keyIds = keyId is null ? plan.KeyIds : [keyId];
            var log = keyIds.ToDictionary(id => id, id => state.Usage.Daily(plan.Id, id, plan.Quota, start, end));
            return GatewayResponse.Json(200, w =>
            {
                w.WriteString("usagePlanId", plan.Id);
                w.WriteString("startDate", start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                w.WriteString("endDate", end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                // The service model's Usage.items travels as "values".
                w.Object("values", () =>
                {
                    foreach (var (id, days) in log)
                    {
                        w.WritePropertyName(id);
                        w.WriteStartArray();
                        foreach (var (used, remaining) in days)
                        {
                            w.WriteStartArray();
                            w.WriteNumberValue(used);
                            w.WriteNumberValue(remaining);
                            w.WriteEndArray();
                        }
                        w.WriteEndArray();
                    }
                });
            });
        }
    }

    private static DateOnly ReadDate(GatewayRequest request, string name) =>
        DateOnly.TryParseExact(request.QueryValue(name) ?? "", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw GatewayError.BadRequest($"Invalid {name}: expected a date as yyyy-MM-dd.");

    private ApiKeyRecord PlanKey(UsagePlanRecord plan, string keyId) =>
        plan.KeyIds.Contains(keyId) && state.ApiKeys.TryGetValue(keyId, out var key)
            ? key
            : throw GatewayError.NotFound("Invalid API Key identifier specified");

    private List<PlanApiStage> ReadApiStages(JsonElement body)
    {
        if (!body.TryGetProperty("apiStages", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        return list.EnumerateArray().Select(item =>
        {
            var throttle = new Dictionary<string, PlanThrottle>(StringComparer.Ordinal);
            if (JsonRead.Object(item, "throttle") is { } methods)
            {
                foreach (var method in methods.EnumerateObject())
                {
                    throttle[method.Name] = ReadThrottle(method.Value);
                }
            }
            return new PlanApiStage(JsonRead.RequiredString(item, "apiId"), JsonRead.RequiredString(item, "stage"), throttle);
        }).ToList();
    }

    private static PlanThrottle ReadThrottle(JsonElement throttle) =>
        new(throttle.TryGetProperty("rateLimit", out var rate) && rate.ValueKind == JsonValueKind.Number ? rate.GetDouble() : null,
            JsonRead.Int(throttle, "burstLimit"));

    private static PlanQuota ReadQuota(JsonElement quota) =>
        new(JsonRead.Int(quota, "limit") ?? 0, JsonRead.Int(quota, "offset") ?? 0, JsonRead.String(quota, "period") ?? "");

    /// <summary>The whole plan as it would be stored: its limits, quota and every API stage it names.</summary>
    private void Validate(UsagePlanRecord plan)
    {
        ValidateThrottle(plan.Throttle, "throttle");
        if (plan.Quota is { } quota)
        {
            if (!Periods.Contains(quota.Period))
            {
                throw GatewayError.BadRequest($"Invalid quota period: {quota.Period}. Valid periods: DAY, WEEK, MONTH");
            }
            if (quota.Limit < 0)
            {
                throw GatewayError.BadRequest("Quota limit must be a non-negative integer");
            }
            var maxOffset = quota.Period switch { "WEEK" => 6, "MONTH" => 27, _ => 0 };
            if (quota.Offset < 0 || quota.Offset > maxOffset)
            {
                throw GatewayError.BadRequest($"Invalid quota offset {quota.Offset} for period {quota.Period}: it must be between 0 and {maxOffset}");
            }
        }
        foreach (var apiStage in plan.ApiStages)
        {
            if (!state.RestApis.TryGetValue(apiStage.ApiId, out var api) || !api.Stages.ContainsKey(apiStage.Stage))
            {
                throw GatewayError.NotFound($"Invalid API Stage {{api: {apiStage.ApiId}, stage: {apiStage.Stage}}} specified for usageplan {plan.Id}");
            }
            foreach (var (method, throttle) in apiStage.Throttle)
            {
                ValidateThrottle(throttle, $"throttle of {method}");
            }
        }
        if (plan.ApiStages.GroupBy(s => s.Key).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw GatewayError.Conflict($"API Stage {twice.Key} is already in usage plan {plan.Id}");
        }
    }

    private static void ValidateThrottle(PlanThrottle? throttle, string what)
    {
        if (throttle is { RateLimit: < 0 } or { BurstLimit: < 0 })
        {
            throw GatewayError.BadRequest($"The {what} limits must not be negative");
        }
    }

    private void Apply(UsagePlanRecord plan, PatchOperation operation)
    {
        var segments = operation.Segments;
        switch (segments[0])
        {
            case "name" when operation.Op == "replace":
                plan.Name = operation.RequiredValue;
                break;
            case "description" when operation.SetsOrClears:
                plan.Description = operation.OptionalValue;
                break;
            case "productCode" when operation.SetsOrClears:
                plan.ProductCode = operation.OptionalValue;
                break;
            case "throttle" when segments.Count == 1 && operation.Op == "remove":
                plan.Throttle = null;
                break;
            case "throttle" when segments.Count == 2 && operation.SetsOrClears:
                plan.Throttle = PatchThrottle(plan.Throttle, segments[1], operation);
                break;
            case "quota" when segments.Count == 1 && operation.Op == "remove":
                plan.Quota = null;
                break;
            case "quota" when segments.Count == 2 && operation.Op is "add" or "replace":
                var quota = plan.Quota ?? new PlanQuota(0, 0, "DAY");
                plan.Quota = segments[1] switch
                {
                    "limit" => quota with { Limit = operation.IntValue },
                    "offset" => quota with { Offset = operation.IntValue },
                    "period" => quota with { Period = operation.RequiredValue },
                    _ => throw operation.Unsupported(),
                };
                break;
            case "apiStages" when segments.Count == 1 && operation.Op == "add":
                var (apiId, stage) = ApiStageOf(operation.RequiredValue, operation);
                plan.ApiStages.Add(new PlanApiStage(apiId, stage, new Dictionary<string, PlanThrottle>(StringComparer.Ordinal)));
                break;
            case "apiStages" when segments.Count == 1 && operation.Op == "remove":
                if (plan.ApiStages.RemoveAll(s => s.Key == operation.RequiredValue) == 0)
                {
                    throw GatewayError.NotFound($"Invalid API Stage {operation.RequiredValue} specified for usageplan {plan.Id}");
                }
                break;
            case "apiStages" when segments.Count >= 3 && segments[2] == "throttle":
                PatchMethodThrottle(plan, segments, operation);
                break;
            default:
                throw operation.Unsupported();
        }
    }

    /// <summary>/apiStages/{apiId}:{stage}/throttle/{resourcePath}/{METHOD}[/rateLimit|/burstLimit], the path's slashes escaped as ~1.</summary>
    private static void PatchMethodThrottle(UsagePlanRecord plan, IReadOnlyList<string> segments, PatchOperation operation)
    {
        var apiStage = plan.ApiStages.FirstOrDefault(s => s.Key == segments[1])
            ?? throw GatewayError.NotFound($"Invalid API Stage {segments[1]} specified for usageplan {plan.Id}");
        if (segments.Count == 3 && operation.Op == "remove")
        {
            apiStage.Throttle.Clear();
            return;
        }
        if (segments.Count < 5)
        {
            throw operation.Unsupported();
        }
        var method = $"{segments[3]}/{segments[4]}";
        if (segments.Count == 5 && operation.Op == "remove")
        {
            apiStage.Throttle.Remove(method);
            return;
        }
        if (segments.Count != 6 || !operation.SetsOrClears)
        {
            throw operation.Unsupported();
        }
        apiStage.Throttle[method] = PatchThrottle(apiStage.Throttle.GetValueOrDefault(method), segments[5], operation) ?? new PlanThrottle(null, null);
    }

    private static PlanThrottle? PatchThrottle(PlanThrottle? throttle, string field, PatchOperation operation)
    {
        var current = throttle ?? new PlanThrottle(null, null);
        var value = operation.OptionalValue;
        return field switch
        {
            "rateLimit" => current with
            {
                RateLimit = value is null ? null
                    : double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) ? rate
                    : throw GatewayError.BadRequest($"Invalid rate limit: {value}"),
            },
            "burstLimit" => current with { BurstLimit = value is null ? null : operation.IntValue },
            _ => throw operation.Unsupported(),
        };
    }

    private static (string ApiId, string Stage) ApiStageOf(string value, PatchOperation operation)
    {
        var parts = value.Split(':', 2);
        return parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0
            ? (parts[0], parts[1])
            : throw GatewayError.BadRequest($"Invalid API Stage {value}: write it as apiId:stageName (for {operation.Path}).");
    }

    private static void Write(Utf8JsonWriter writer, UsagePlanRecord plan)
    {
        writer.WriteString("id", plan.Id);
        writer.OptionalString("name", plan.Name);
        writer.OptionalString("description", plan.Description);
        writer.WritePropertyName("apiStages");
        writer.WriteStartArray();
        foreach (var apiStage in plan.ApiStages)
        {
            writer.WriteStartObject();
            writer.WriteString("apiId", apiStage.ApiId);
            writer.WriteString("stage", apiStage.Stage);
            if (apiStage.Throttle.Count > 0)
            {
                writer.Object("throttle", () =>
                {
                    foreach (var (method, throttle) in apiStage.Throttle.OrderBy(t => t.Key, StringComparer.Ordinal))
                    {
                        writer.Object(method, () => WriteThrottle(writer, throttle));
                    }
                });
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        if (plan.Throttle is { } planThrottle)
        {
            writer.Object("throttle", () => WriteThrottle(writer, planThrottle));
        }
        if (plan.Quota is { } quota)
        {
            writer.Object("quota", () =>
            {
                writer.WriteNumber("limit", quota.Limit);
                writer.WriteNumber("offset", quota.Offset);
                writer.WriteString("period", quota.Period);
            });
        }
        writer.OptionalString("productCode", plan.ProductCode);
    }

    private static void WriteThrottle(Utf8JsonWriter writer, PlanThrottle throttle)
    {
        writer.OptionalNumber("burstLimit", throttle.BurstLimit);
        writer.OptionalNumber("rateLimit", throttle.RateLimit);
    }

    private static void WriteKey(Utf8JsonWriter writer, ApiKeyRecord key)
    {
        writer.WriteString("id", key.Id);
        writer.WriteString("type", "API_KEY");
        writer.WriteString("value", key.Value);
        writer.OptionalString("name", key.Name);
    }
}
