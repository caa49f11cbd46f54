using System.Globalization;
using ApiGatewayTools.LocalGateway.Http;
using ApiGatewayTools.LocalGateway.Json;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway.ControlPlane;

/// <summary>
/// A stage's per-method settings, patched as /{resourcePath}/{httpMethod}/{area}/{setting}
/// (e.g. /*/*/throttling/rateLimit) and reported under methodSettings["{resourcePath}/{httpMethod}"].
/// </summary>
internal static class StageMethodSettings
{
    public enum ValueKind
    {
        Boolean,
        Number,
        Text,
    }

    private sealed record Setting(string Name, ValueKind Kind, string Default);

    private static readonly Dictionary<string, Setting> SettingsByPatchPath = new(StringComparer.Ordinal)
    {
        ["metrics/enabled"] = new("metricsEnabled", ValueKind.Boolean, "false"),
        ["logging/loglevel"] = new("loggingLevel", ValueKind.Text, "OFF"),
        ["logging/dataTrace"] = new("dataTraceEnabled", ValueKind.Boolean, "false"),
        ["throttling/burstLimit"] = new("throttlingBurstLimit", ValueKind.Number, "5000"),
        ["throttling/rateLimit"] = new("throttlingRateLimit", ValueKind.Number, "10000.0"),
        ["caching/enabled"] = new("cachingEnabled", ValueKind.Boolean, "false"),
        ["caching/ttlInSeconds"] = new("cacheTtlInSeconds", ValueKind.Number, "300"),
        ["caching/dataEncrypted"] = new("cacheDataEncrypted", ValueKind.Boolean, "false"),
        ["caching/requireAuthorizationForCacheControl"] = new("requireAuthorizationForCacheControl", ValueKind.Boolean, "true"),
        ["caching/unauthorizedCacheControlHeaderStrategy"] = new("unauthorizedCacheControlHeaderStrategy", ValueKind.Text, "SUCCEED_WITH_RESPONSE_HEADER"),
    };

    public static ValueKind KindOf(string settingName) =>
        SettingsByPatchPath.Values.FirstOrDefault(s => s.Name == settingName)?.Kind ?? ValueKind.Text;

    /// <summary>True when the operation addressed a method setting (and was applied).</summary>
    public static bool TryApply(StageRecord stage, PatchOperation operation)
    {
        var segments = operation.RawSegments;
        if (segments.Count == 2 && operation.Op == "remove")
        {
            if (!stage.MethodSettings.Remove($"{segments[0]}/{segments[1]}"))
            {
                throw GatewayError.BadRequest($"Cannot remove method setting {segments[0]}/{segments[1]} because there is no method setting for this method");
            }
            return true;
        }
        if (segments.Count != 4 || !SettingsByPatchPath.TryGetValue($"{segments[2]}/{segments[3]}", out var setting))
        {
            return false;
        }
        if (operation.Op != "replace")
        {
            throw operation.Unsupported();
        }
        var value = operation.RequiredValue;
        var valid = setting.Kind switch
        {
            ValueKind.Boolean => bool.TryParse(value, out _),
            ValueKind.Number => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
            _ => true,
        };
        if (!valid)
        {
            throw GatewayError.BadRequest($"Invalid value for {operation.Path}: {value}");
        }
        var key = $"{segments[0]}/{segments[1]}";
        if (!stage.MethodSettings.TryGetValue(key, out var settings))
        {
            settings = SettingsByPatchPath.Values.ToDictionary(s => s.Name, s => s.Default, StringComparer.Ordinal);
            stage.MethodSettings[key] = settings;
        }
        settings[setting.Name] = setting.Kind == ValueKind.Boolean ? bool.Parse(value).ToString().ToLowerInvariant() : value;
        return true;
    }
}
