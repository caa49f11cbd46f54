using System.Globalization;

namespace ApiGatewayTools.Common;

/// <summary>
/// -ApiStage as users write it: a stage object (Get-GwStage, Publish-GwDeployment), "apiId:stageName", or a
/// hashtable @{ RestApiId = ..; StageName = ..; Throttle = @{ 'GET /pets' = @{ RateLimit = 10; BurstLimit = 20 } } }.
/// </summary>
internal static class UsagePlanApiStageInput
{
    private const string Expected =
        "Write each -ApiStage as a stage from Get-GwStage, as 'apiId:stageName', or as @{ RestApiId = 'a1b2c3d4e5'; StageName = 'prod'; Throttle = @{ 'GET /pets' = @{ RateLimit = 10; BurstLimit = 20 } } }.";

    public static IReadOnlyList<UsagePlanApiStage> Read(IEnumerable<object> items) => items.Select(Read).ToList();

    private static UsagePlanApiStage Read(object item)
    {
        var value = item is PSObject ps ? ps.BaseObject : item;
        switch (value)
        {
            case UsagePlanApiStage stage:
                return stage;
            case string text when text.Split(':') is [{ Length: > 0 } api, { Length: > 0 } stageName]:
                return new UsagePlanApiStage { RestApiId = api, StageName = stageName };
            case IDictionary table:
                return new UsagePlanApiStage
                {
                    RestApiId = Text(Entry(table, "RestApiId") ?? Entry(table, "ApiId")),
                    StageName = Text(Entry(table, "StageName") ?? Entry(table, "Stage")),
                    Throttle = Throttles(Entry(table, "Throttle")),
                };
            default:
                var properties = PSObject.AsPSObject(item).Properties;
                if (properties["RestApiId"]?.Value is { } restApiId && properties["StageName"]?.Value is { } name)
                {
                    return new UsagePlanApiStage { RestApiId = Text(restApiId), StageName = Text(name) };
                }
                throw Invalid();
        }
    }

    private static Dictionary<string, ThrottleSettings> Throttles(object? value)
    {
        var throttles = new Dictionary<string, ThrottleSettings>(StringComparer.Ordinal);
        if (Unwrap(value) is null)
        {
            return throttles;
        }
        if (Unwrap(value) is not IDictionary table)
        {
            throw Invalid();
        }
        foreach (DictionaryEntry entry in table)
        {
            throttles[Text(entry.Key)] = Unwrap(entry.Value) switch
            {
                ThrottleSettings settings => settings,
                IDictionary limits => new ThrottleSettings(Number(Entry(limits, "RateLimit")), (int?)Number(Entry(limits, "BurstLimit"))),
                _ => throw Invalid(),
            };
        }
        return throttles;
    }

    private static object? Entry(IDictionary table, string name)
    {
        foreach (DictionaryEntry entry in table)
        {
            if (string.Equals(entry.Key?.ToString(), name, StringComparison.OrdinalIgnoreCase))
            {
                return Unwrap(entry.Value);
            }
        }
        return null;
    }

    private static double? Number(object? value) => Unwrap(value) switch
    {
        null => null,
        IConvertible number => number.ToDouble(CultureInfo.InvariantCulture),
        _ => throw Invalid(),
    };

    private static string Text(object? value) => Unwrap(value)?.ToString() ?? "";

    private static object? Unwrap(object? value) => value is PSObject ps ? ps.BaseObject : value;

    private static GwValidationException Invalid() => new(UsagePlanSettings.InvalidApiStageErrorId, "ApiStage", Expected);
}
