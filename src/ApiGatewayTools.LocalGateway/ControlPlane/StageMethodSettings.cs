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

    /// <summary>One setting: its name in methodSettings, how its value reads, its default, and what AWS accepts.</summary>
    private sealed record Setting(string Name, ValueKind Kind, string Default, Func<string, string?>? Check = null);

    private static readonly string[] LoggingLevels = ["OFF", "ERROR", "INFO"];
    private static readonly string[] CacheControlStrategies = ["FAIL_WITH_403", "SUCCEED_WITH_RESPONSE_HEADER", "SUCCEED_WITHOUT_RESPONSE_HEADER"];

    private static readonly Dictionary<string, Setting> SettingsByPatchPath = new(StringComparer.Ordinal)
    {
        ["metrics/enabled"] = new("metricsEnabled", ValueKind.Boolean, "false"),
        ["logging/dataTrace"] = new("dataTraceEnabled", ValueKind.Boolean, "false"),
        ["logging/loglevel"] = new("loggingLevel", ValueKind.Text, "OFF", value => OneOf(value, LoggingLevels)),
        ["throttling/burstLimit"] = new("throttlingBurstLimit", ValueKind.Number, "5000", value => WholeNumber(value, 0, int.MaxValue)),
        ["throttling/rateLimit"] = new("throttlingRateLimit", ValueKind.Number, "10000.0", value => NonNegativeNumber(value)),
        ["caching/ttlInSeconds"] = new("cacheTtlInSeconds", ValueKind.Number, "300", value => WholeNumber(value, 0, 3600)),
        ["caching/enabled"] = new("cachingEnabled", ValueKind.Boolean, "false"),
        ["caching/dataEncrypted"] = new("cacheDataEncrypted", ValueKind.Boolean, "false"),
        ["caching/requireAuthorizationForCacheControl"] = new("requireAuthorizationForCacheControl", ValueKind.Boolean, "true"),
        ["caching/unauthorizedCacheControlHeaderStrategy"] = new("unauthorizedCacheControlHeaderStrategy", ValueKind.Text, "SUCCEED_WITH_RESPONSE_HEADER",
            value => OneOf(value, CacheControlStrategies)),
    };

    /// <summary>AWS's list of method setting paths, in the order its "Invalid method setting path" answer gives them.</summary>
    private static readonly string ValidSettingPaths = string.Join(", ", SettingsByPatchPath.Keys.Select(path => ".../" + path));

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
                throw GatewayError.BadRequest($"Cannot remove method setting {segments[0]}/{segments[1]} because there is no method setting for this method ");
            }
            return true;
        }
        if (segments.Count != 4)
        {
            return false;
        }
        if (!SettingsByPatchPath.TryGetValue($"{segments[2]}/{segments[3]}", out var setting))
        {
            throw GatewayError.BadRequest($"Invalid method setting path: {segments[2]}/{segments[3]}. Must be one of: [{ValidSettingPaths}]");
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
        if (setting.Check?.Invoke(value) is { } problem)
        {
            throw GatewayError.BadRequest($"Invalid value for {operation.Path}: {value}. {problem}");
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

    private static string? OneOf(string value, string[] allowed) =>
        allowed.Contains(value) ? null : $"Must be one of: [{string.Join(", ", allowed)}]";

    private static string? WholeNumber(string value, int min, int max) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? null
            : $"Must be a whole number from {min} to {max}.";

    private static string? NonNegativeNumber(string value) =>
        double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture) is >= 0 and <= double.MaxValue
            ? null
            : "Must be a number of 0 or more.";
}
