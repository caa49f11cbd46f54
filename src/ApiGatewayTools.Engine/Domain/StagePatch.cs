using System.Globalization;
using System.Text.RegularExpressions;

namespace ApiGatewayTools.Engine.Domain;

/// <summary>Per-method settings of a stage (AWS's MethodSetting); null leaves a setting as it is.</summary>
public sealed record MethodSettingChanges
{
    public double? ThrottlingRateLimit { get; init; }
    public int? ThrottlingBurstLimit { get; init; }
    public bool? CachingEnabled { get; init; }
    public int? CacheTtlInSeconds { get; init; }
    public bool? CacheDataEncrypted { get; init; }
    public bool? RequireAuthorizationForCacheControl { get; init; }
    /// <summary>FAIL_WITH_403, SUCCEED_WITH_RESPONSE_HEADER or SUCCEED_WITHOUT_RESPONSE_HEADER.</summary>
    public string? UnauthorizedCacheControlHeaderStrategy { get; init; }
    public bool? MetricsEnabled { get; init; }
    /// <summary>OFF, ERROR or INFO.</summary>
    public string? LoggingLevel { get; init; }
    public bool? DataTraceEnabled { get; init; }
}

/// <summary>What Set-GwStage asks of a stage; null (or empty) leaves a setting as it is.</summary>
public sealed record StageSettings
{
    public string? Description { get; init; }
    public bool? CacheClusterEnabled { get; init; }
    /// <summary>One of AWS's sizes in GB: 0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237.</summary>
    public string? CacheClusterSize { get; init; }
    public bool? TracingEnabled { get; init; }
    /// <summary>Stage variables to set; a null value removes the variable.</summary>
    public IReadOnlyDictionary<string, string?> Variables { get; init; } = new Dictionary<string, string?>();
    public string? AccessLogFormat { get; init; }
    public string? AccessLogDestinationArn { get; init; }
    /// <summary>Turns access logging off (removes the stage's access log settings).</summary>
    public bool RemoveAccessLog { get; init; }
    public MethodSettingChanges MethodSettings { get; init; } = new();
    /// <summary>The methods <see cref="MethodSettings"/> apply to, as "GET /pets/{petId}"; empty: every method ("*/*").</summary>
    public IReadOnlyList<string> MethodPaths { get; init; } = [];
}

/// <summary>
/// Turns <see cref="StageSettings"/> into UpdateStage patch operations (AWS's paths: "/cacheClusterEnabled",
/// "/variables/{name}", "/accessLogSettings/format", "/{methodKey}/throttling/rateLimit", ...), leaving out what the
/// stage already has, so that running the same settings twice sends nothing the second time.
/// </summary>
public static partial class StagePatch
{
    public const string InvalidThrottlingErrorId = "InvalidThrottlingLimit";
    public const string InvalidCacheClusterSizeErrorId = "InvalidCacheClusterSize";
    public const string InvalidCacheTtlErrorId = "InvalidCacheTtl";
    public const string InvalidLoggingLevelErrorId = "InvalidLoggingLevel";
    public const string InvalidCacheControlStrategyErrorId = "InvalidCacheControlStrategy";
    public const string InvalidAccessLogFormatErrorId = "InvalidAccessLogFormat";
    public const string InvalidAccessLogDestinationErrorId = "InvalidAccessLogDestination";
    public const string AccessLogConflictErrorId = "AccessLogConflict";
    public const string MethodPathWithoutSettingErrorId = "MethodPathWithoutSetting";
    public const string MethodNotFoundErrorId = "StageMethodNotFound";

    public static readonly IReadOnlyList<string> CacheClusterSizes = ["0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"];
    public static readonly IReadOnlyList<string> LoggingLevels = ["OFF", "ERROR", "INFO"];
    public static readonly IReadOnlyList<string> CacheControlStrategies = ["FAIL_WITH_403", "SUCCEED_WITH_RESPONSE_HEADER", "SUCCEED_WITHOUT_RESPONSE_HEADER"];
    public const int MaxCacheTtlInSeconds = 3600;

    /// <summary>
    /// Above any account's throttle: the account default is 10,000 requests per second with a burst of 5,000, and
    /// AWS raises it on request, so the module only refuses numbers no account could serve.
    /// </summary>
    public const double MaxThrottlingRateLimit = 1_000_000;
    public const int MaxThrottlingBurstLimit = 1_000_000;

    [GeneratedRegex(@"^arn:aws[a-z-]*:logs:[a-z0-9-]+:\d{12}:log-group:[A-Za-z0-9_\-./#]{1,512}$")]
    private static partial Regex LogGroupArnPattern();

    [GeneratedRegex(@"^arn:aws[a-z-]*:firehose:[a-z0-9-]+:\d{12}:deliverystream/amazon-apigateway-[A-Za-z0-9_.-]+$")]
    private static partial Regex FirehoseArnPattern();

    /// <summary>Checks every setting against AWS's rules and answers them normalised (upper-case names, AWS's size spelling).</summary>
    public static StageSettings Validate(StageSettings settings)
    {
        var method = ValidateMethodSettings(settings.MethodSettings);
        DeploymentWorkflow.ValidateVariables(settings.Variables.Where(v => v.Value is not null).ToDictionary(v => v.Key, v => v.Value!, StringComparer.Ordinal));
        if (settings.RemoveAccessLog && (settings.AccessLogFormat is not null || settings.AccessLogDestinationArn is not null))
        {
            throw new GwValidationException(AccessLogConflictErrorId, "RemoveAccessLog",
                "-RemoveAccessLog turns access logging off; it cannot be combined with -AccessLogFormat or -AccessLogDestinationArn.");
        }

        if (settings.AccessLogFormat is { } format)
        {
            ValidateAccessLogFormat(format);
        }

        if (settings.AccessLogDestinationArn is { } destination)
        {
            ValidateAccessLogDestination(destination);
        }

        if (settings.MethodPaths.Count > 0 && MethodFields.All(field => field.Asked(method) is null))
        {
            throw new GwValidationException(MethodPathWithoutSettingErrorId, "MethodPath",
                "-MethodPath says which methods the method settings apply to, but none was given: add one, e.g. -ThrottlingRateLimit 100 or -CachingEnabled $true.");
        }

        _ = Targets(settings);
        return settings with
        {
            MethodSettings = method,
            CacheClusterSize = settings.CacheClusterSize is { } size ? ValidateCacheClusterSize(size) : null,
        };
    }

    /// <summary>The method keys the method settings apply to: "*/*" when no method path is given.</summary>
    public static IReadOnlyList<StageMethodTarget> Targets(StageSettings settings) =>
        settings.MethodPaths.Count == 0
            ? [StageMethodTarget.All]
            : settings.MethodPaths.Select(path => StageMethodKey.Parse(path)).DistinctBy(target => target.Key).ToList();

    /// <summary>Every method path must name a method the API has; the error names the missing ones and those that exist.</summary>
    public static void EnsureMethodsExist(StageSettings settings, ResourceTree tree)
    {
        var missing = Targets(settings)
            .Where(target => target.Path is { } path && tree.Find(path)?.HttpMethods.Contains(target.HttpMethod) != true)
            .ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var existing = tree.Resources.SelectMany(r => r.HttpMethods.Select(verb => $"{verb} {r.Path}")).ToList();
        var known = existing.Count == 0 ? "it has no methods yet" : "its methods are " + string.Join(", ", existing.Take(10)) + (existing.Count > 10 ? ", ..." : "");
        throw new GwNotFoundException(MethodNotFoundErrorId,
            $"REST API {tree.RestApiId} has no method {string.Join(", ", missing)} ({known}); nothing was changed. " +
            "Name an existing method in -MethodPath, or add it first with Add-GwMethod.");
    }

    /// <summary>The patch operations that bring <paramref name="current"/> to <paramref name="settings"/>, without those it already has.</summary>
    public static IReadOnlyList<PatchOperation> Operations(StageSettings settings, Stage current)
    {
        var operations = new List<PatchOperation>();
        foreach (var field in StageFields)
        {
            if (field.Asked(settings) is { } value && value != field.Current(current))
            {
                operations.Add(new("replace", field.Path, value));
            }
        }

        if (settings.RemoveAccessLog && (current.AccessLogFormat is not null || current.AccessLogDestinationArn is not null))
        {
            operations.Add(new("remove", "/accessLogSettings"));
        }

        foreach (var (name, value) in settings.Variables.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            var has = current.Variables.TryGetValue(name, out var currentValue);
            if (value is null && has)
            {
                operations.Add(new("remove", "/variables/" + PatchPath.Escape(name)));
            }
            else if (value is not null && value != currentValue)
            {
                operations.Add(new("replace", "/variables/" + PatchPath.Escape(name), value));
            }
        }

        foreach (var target in Targets(settings))
        {
            var existing = current.MethodSettings.FirstOrDefault(s => s.Key == target.Key);
            foreach (var field in MethodFields)
            {
                if (field.Asked(settings.MethodSettings) is { } value && (existing is null || value != field.Current(existing)))
                {
                    operations.Add(new("replace", $"/{target.Key}/{field.Path}", value));
                }
            }
        }

        return operations;
    }

    /// <summary>The UpdateStage requests (batched) that apply <paramref name="settings"/>; an empty plan answering the stage when it already has them.</summary>
    public static GwPlan<Stage> Plan(StageSettings settings, Stage current) =>
        PatchPlan.Updates(Operations(settings, current), batch => ApiGatewayOperations.UpdateStage(current.RestApiId, current.StageName, batch), current);

    private sealed record StageField(string Path, Func<StageSettings, string?> Asked, Func<Stage, string?> Current);

    // The cache size goes before enabling the cache, so a cluster is created at the size asked for.
    private static readonly IReadOnlyList<StageField> StageFields =
    [
        new("/description", s => s.Description, s => s.Description),
        new("/cacheClusterSize", s => s.CacheClusterSize, s => s.CacheClusterSize),
        new("/cacheClusterEnabled", s => PatchPlan.Flag(s.CacheClusterEnabled), s => PatchPlan.Flag(s.CacheClusterEnabled)),
        new("/tracingEnabled", s => PatchPlan.Flag(s.TracingEnabled), s => PatchPlan.Flag(s.TracingEnabled)),
        new("/accessLogSettings/format", s => s.AccessLogFormat, s => s.AccessLogFormat),
        new("/accessLogSettings/destinationArn", s => s.AccessLogDestinationArn, s => s.AccessLogDestinationArn),
    ];

    private sealed record MethodField(string Path, Func<MethodSettingChanges, string?> Asked, Func<StageMethodSetting, string?> Current);

    private static readonly IReadOnlyList<MethodField> MethodFields =
    [
        new("throttling/rateLimit", m => Number(m.ThrottlingRateLimit), m => Number(m.ThrottlingRateLimit)),
        new("throttling/burstLimit", m => Number(m.ThrottlingBurstLimit), m => Number(m.ThrottlingBurstLimit)),
        new("caching/enabled", m => PatchPlan.Flag(m.CachingEnabled), m => PatchPlan.Flag(m.CachingEnabled)),
        new("caching/ttlInSeconds", m => Number(m.CacheTtlInSeconds), m => Number(m.CacheTtlInSeconds)),
        new("caching/dataEncrypted", m => PatchPlan.Flag(m.CacheDataEncrypted), m => PatchPlan.Flag(m.CacheDataEncrypted)),
        new("caching/requireAuthorizationForCacheControl", m => PatchPlan.Flag(m.RequireAuthorizationForCacheControl), m => PatchPlan.Flag(m.RequireAuthorizationForCacheControl)),
        new("caching/unauthorizedCacheControlHeaderStrategy", m => m.UnauthorizedCacheControlHeaderStrategy, m => m.UnauthorizedCacheControlHeaderStrategy),
        new("metrics/enabled", m => PatchPlan.Flag(m.MetricsEnabled), m => PatchPlan.Flag(m.MetricsEnabled)),
        new("logging/loglevel", m => m.LoggingLevel, m => m.LoggingLevel),
        new("logging/dataTrace", m => PatchPlan.Flag(m.DataTraceEnabled), m => PatchPlan.Flag(m.DataTraceEnabled)),
    ];

    private static string? Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);
    private static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static MethodSettingChanges ValidateMethodSettings(MethodSettingChanges m)
    {
        if (m.ThrottlingRateLimit is { } rate && (!double.IsFinite(rate) || rate < 0 || rate > MaxThrottlingRateLimit))
        {
            throw new GwValidationException(InvalidThrottlingErrorId, "ThrottlingRateLimit",
                $"-ThrottlingRateLimit {rate.ToString(CultureInfo.InvariantCulture)} is not a rate API Gateway can keep: use requests per second from 0 to {MaxThrottlingRateLimit:N0} (an account's default limit is 10,000).");
        }

        if (m.ThrottlingBurstLimit is { } burst && burst is < 0 or > MaxThrottlingBurstLimit)
        {
            throw new GwValidationException(InvalidThrottlingErrorId, "ThrottlingBurstLimit",
                $"-ThrottlingBurstLimit {burst} is not a burst API Gateway can keep: use a number of requests from 0 to {MaxThrottlingBurstLimit:N0} (an account's default burst is 5,000).");
        }

        if (m.CacheTtlInSeconds is { } ttl && ttl is < 0 or > MaxCacheTtlInSeconds)
        {
            throw new GwValidationException(InvalidCacheTtlErrorId, "CacheTtlInSeconds",
                $"-CacheTtlInSeconds {ttl} is outside what API Gateway allows: use 0 to {MaxCacheTtlInSeconds} seconds (0 turns caching off; the default is 300).");
        }

        return m with
        {
            LoggingLevel = OneOf(m.LoggingLevel, LoggingLevels, InvalidLoggingLevelErrorId, "LoggingLevel"),
            UnauthorizedCacheControlHeaderStrategy = OneOf(m.UnauthorizedCacheControlHeaderStrategy, CacheControlStrategies,
                InvalidCacheControlStrategyErrorId, "UnauthorizedCacheControlHeaderStrategy"),
        };
    }

    private static string? OneOf(string? value, IReadOnlyList<string> allowed, string errorId, string parameterName)
    {
        if (value is null)
        {
            return null;
        }

        var upper = value.Trim().ToUpperInvariant();
        return allowed.Contains(upper) ? upper
            : throw new GwValidationException(errorId, parameterName, $"-{parameterName} '{value}' is not one API Gateway accepts; use {string.Join(", ", allowed)}.");
    }

    /// <summary>AWS's sizes, however the number is written ("0.50", "118.0").</summary>
    private static string ValidateCacheClusterSize(string size)
    {
        var match = decimal.TryParse(size.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var asked)
            ? CacheClusterSizes.FirstOrDefault(s => decimal.Parse(s, CultureInfo.InvariantCulture) == asked)
            : null;
        return match ?? throw new GwValidationException(InvalidCacheClusterSizeErrorId, "CacheClusterSize",
            $"-CacheClusterSize {size} is not a size API Gateway offers; use one of {string.Join(", ", CacheClusterSizes)} (GB).");
    }

    /// <summary>AWS logs a line per request and needs the request id in it ($context.requestId or $context.extendedRequestId).</summary>
    private static void ValidateAccessLogFormat(string format)
    {
        if (string.IsNullOrWhiteSpace(format) || format.Contains('\n') || format.Contains('\r'))
        {
            throw new GwValidationException(InvalidAccessLogFormatErrorId, "AccessLogFormat",
                "-AccessLogFormat must be one line of text with $context variables, e.g. '$context.requestId $context.httpMethod $context.resourcePath $context.status'.");
        }

        if (!format.Contains("$context.requestId", StringComparison.Ordinal) && !format.Contains("$context.extendedRequestId", StringComparison.Ordinal))
        {
            throw new GwValidationException(InvalidAccessLogFormatErrorId, "AccessLogFormat",
                "-AccessLogFormat must include $context.requestId (or $context.extendedRequestId), as API Gateway requires, e.g. '$context.requestId $context.status'.");
        }
    }

    private static void ValidateAccessLogDestination(string arn)
    {
        if (arn.EndsWith(":*", StringComparison.Ordinal))
        {
            throw new GwValidationException(InvalidAccessLogDestinationErrorId, "AccessLogDestinationArn",
                $"-AccessLogDestinationArn '{arn}' ends with ':*'; give the log group's ARN without it: '{arn[..^2]}'.");
        }

        if (!LogGroupArnPattern().IsMatch(arn) && !FirehoseArnPattern().IsMatch(arn))
        {
            throw new GwValidationException(InvalidAccessLogDestinationErrorId, "AccessLogDestinationArn",
                $"-AccessLogDestinationArn '{arn}' is not a CloudWatch Logs log group or a Firehose stream API Gateway can write to; " +
                "use arn:aws:logs:<region>:<account>:log-group:<name> or arn:aws:firehose:<region>:<account>:deliverystream/amazon-apigateway-<name>.");
        }
    }
}
