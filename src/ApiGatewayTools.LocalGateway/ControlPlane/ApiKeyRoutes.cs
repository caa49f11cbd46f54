using System.Text.Json;
using ApiGatewayTools.LocalGateway.Http;
using ApiGatewayTools.LocalGateway.Json;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway.ControlPlane;

/// <summary>
/// CreateApiKey, GetApiKeys, GetApiKey, UpdateApiKey and DeleteApiKey. Keys belong to the account; a key's
/// value is answered only by CreateApiKey and when the caller asks for it (includeValue, includeValues).
/// </summary>
internal sealed class ApiKeyRoutes(GatewayState state) : IRouteArea
{
    private const int MinimumValueLength = 20;

    public void Register(Router router) =>
        router.MapCollection("ApiKey", "/apikeys", "api_Key", Create, List, Get, Update, Delete);

    private GatewayResponse Create(GatewayRequest request)
    {
        var body = request.Json;
        var value = JsonRead.String(body, "value");
        if (value is not null && value.Length < MinimumValueLength)
        {
            throw GatewayError.BadRequest($"API Key value should be at least {MinimumValueLength} characters");
        }
        lock (state.Sync)
        {
            if (value is not null && state.ApiKeys.Values.Any(k => string.Equals(k.Value, value, StringComparison.Ordinal)))
            {
                throw GatewayError.Conflict("API Key already exists");
            }
            var now = DateTimeOffset.UtcNow;
            var key = new ApiKeyRecord
            {
                Id = state.ApiKeys.NewId(IdGenerator.NewApiKeyId),
                Value = value ?? IdGenerator.NewApiKeyValue(),
                Name = JsonRead.String(body, "name"),
                Description = JsonRead.String(body, "description"),
                CustomerId = JsonRead.String(body, "customerId"),
                Enabled = JsonRead.Bool(body, "enabled") ?? false,
                CreatedDate = now,
                LastUpdatedDate = now,
                StageKeys = ReadStageKeys(body),
            };
            state.ApiKeys.Add(key);
            return GatewayResponse.Json(201, w => Write(w, key, includeValue: true));
        }
    }

    /// <summary>nameQuery and customerId filter the keys (a name matches by prefix, as on AWS).</summary>
    private GatewayResponse List(GatewayRequest request)
    {
        var name = request.QueryValue("name");
        var customerId = request.QueryValue("customerId");
        var includeValues = IsTrue(request.QueryValue("includeValues"));
        lock (state.Sync)
        {
            var keys = state.ApiKeys.Values
                .Where(k => name is null || (k.Name ?? "").StartsWith(name, StringComparison.Ordinal))
                .Where(k => customerId is null || k.CustomerId == customerId)
                .ToList();
            return Paging.Page(request, keys, (w, key) => Write(w, key, includeValues));
        }
    }

    private GatewayResponse Get(GatewayRequest request)
    {
        var includeValue = IsTrue(request.QueryValue("includeValue"));
        lock (state.Sync)
        {
            var key = state.ApiKeys.Get(request.Route("api_Key"));
            return GatewayResponse.Json(200, w => Write(w, key, includeValue));
        }
    }

    private GatewayResponse Update(GatewayRequest request)
    {
        var operations = PatchOperation.ReadAll(request.Json);
        lock (state.Sync)
        {
            var key = PatchOperation.ApplyAll(operations, state.ApiKeys.Get(request.Route("api_Key")).Copy(), Apply);
            key.LastUpdatedDate = DateTimeOffset.UtcNow;
            state.ApiKeys.Replace(key);
            return GatewayResponse.Json(200, w => Write(w, key, includeValue: false));
        }
    }

    /// <summary>A deleted key leaves every usage plan it was in.</summary>
    private GatewayResponse Delete(GatewayRequest request)
    {
        lock (state.Sync)
        {
            var key = state.ApiKeys.Get(request.Route("api_Key"));
            state.ApiKeys.Remove(key.Id);
            foreach (var plan in state.UsagePlans.Values.Where(p => p.KeyIds.Contains(key.Id)))
            {
                var copy = plan.Copy();
                copy.KeyIds.Remove(key.Id);
                state.UsagePlans.Replace(copy);
            }
            return GatewayResponse.Empty(202);
        }
    }

    private List<string> ReadStageKeys(JsonElement body)
    {
        if (!body.TryGetProperty("stageKeys", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        return list.EnumerateArray().Select(item => StageKey(JsonRead.String(item, "restApiId"), JsonRead.String(item, "stageName"))).ToList();
    }

    private string StageKey(string? restApiId, string? stageName)
    {
        if (restApiId is null || stageName is null
            || !state.RestApis.TryGetValue(restApiId, out var api) || !api.Stages.ContainsKey(stageName))
        {
            throw GatewayError.BadRequest("Invalid stage key specified");
        }
        return $"{restApiId}/{stageName}";
    }

    private void Apply(ApiKeyRecord key, PatchOperation operation)
    {
        switch (operation.Segments[0])
        {
            case "name" when operation.SetsOrClears:
                key.Name = operation.OptionalValue;
                break;
            case "description" when operation.SetsOrClears:
                key.Description = operation.OptionalValue;
                break;
            case "customerId" when operation.SetsOrClears:
                key.CustomerId = operation.OptionalValue;
                break;
            case "enabled" when operation.Op == "replace":
                key.Enabled = operation.BoolValue;
                break;
            case "stages" when operation.Op == "add":
                var parts = operation.RequiredValue.Split('/', 2);
                var stageKey = StageKey(parts[0], parts.Length == 2 ? parts[1] : null);
                if (!key.StageKeys.Contains(stageKey))
                {
                    key.StageKeys.Add(stageKey);
                }
                break;
            case "stages" when operation.Op == "remove":
                key.StageKeys.Remove(operation.RequiredValue);
                break;
            default:
                throw operation.Unsupported();
        }
    }

    private static bool IsTrue(string? flag) => string.Equals(flag, "true", StringComparison.OrdinalIgnoreCase);

    private static void Write(Utf8JsonWriter writer, ApiKeyRecord key, bool includeValue)
    {
        writer.WriteString("id", key.Id);
        if (includeValue)
        {
            writer.WriteString("value", key.Value);
        }
        writer.OptionalString("name", key.Name);
        writer.OptionalString("customerId", key.CustomerId);
        writer.OptionalString("description", key.Description);
        writer.WriteBoolean("enabled", key.Enabled);
        writer.EpochSeconds("createdDate", key.CreatedDate);
        writer.EpochSeconds("lastUpdatedDate", key.LastUpdatedDate);
        writer.WriteStringArray("stageKeys", key.StageKeys);
    }
}
