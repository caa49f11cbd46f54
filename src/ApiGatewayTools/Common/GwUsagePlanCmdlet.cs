namespace ApiGatewayTools.Common;

/// <summary>
/// Base of New-GwUsagePlan and Set-GwUsagePlan: the plan's settings, declared once. -ApiStage takes stages from
/// Get-GwStage, 'apiId:stageName' or hashtables with per-method throttles (see <see cref="UsagePlanApiStageInput"/>).
/// </summary>
public abstract class GwUsagePlanCmdlet : GwCmdlet
{
    [Parameter]
    public string? Description { get; set; }

    /// <summary>Steady requests per second each key may make (across the plan's stages).</summary>
    [Parameter]
    public double? ThrottleRateLimit { get; set; }

    /// <summary>Requests each key may make at once above the rate.</summary>
    [Parameter]
    public int? ThrottleBurstLimit { get; set; }

    /// <summary>Requests each key may make per quota period.</summary>
    [Parameter]
    public int? QuotaLimit { get; set; }

    /// <summary>DAY, WEEK or MONTH (UTC).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(QuotaPeriodCompleter))]
    [ValidateNotNullOrEmpty]
    public string? QuotaPeriod { get; set; }

    /// <summary>The day a period starts: WEEK 0 (Sunday) to 6, MONTH 0 (the 1st) to 27; DAY only 0.</summary>
    [Parameter]
    public int? QuotaOffset { get; set; }

    /// <summary>API stages the plan opens, with optional per-method throttles.</summary>
    [Parameter]
    [AllowEmptyCollection]
    public object[]? ApiStage { get; set; }

    /// <summary>The settings these parameters ask for; null ones are left as they are (Set) or unset (New).</summary>
    protected UsagePlanSettings Asked(string? name, IEnumerable<UsagePlanApiStage> moreStages) => new()
    {
        Name = name,
        Description = Description,
        ThrottleRateLimit = ThrottleRateLimit,
        ThrottleBurstLimit = ThrottleBurstLimit,
        QuotaLimit = QuotaLimit,
        QuotaPeriod = QuotaPeriod,
        QuotaOffset = QuotaOffset,
        ApiStages = ApiStage is null && !moreStages.Any() ? null : [.. ApiStage is null ? [] : UsagePlanApiStageInput.Read(ApiStage), .. moreStages],
    };

    /// <summary>Sends the plan that creates or changes a usage plan, after -WhatIf/-Confirm, and writes the plan as it then is.</summary>
    protected void Apply(GwClient client, GwPlan<UsagePlan> plan, string target, Func<GwObject>? planned = null)
    {
        if (ApplyPlan(client, plan, target, out var usagePlan, planned))
        {
            WriteObject(usagePlan);
        }
    }

    /// <summary>Each stage the settings name that <paramref name="current"/> does not have yet must exist (it is read first).</summary>
    protected void EnsureDeployed(GwClient client, UsagePlanSettings settings, UsagePlan? current)
    {
        var known = current?.ApiStages.Select(s => s.ToString()).ToHashSet(StringComparer.Ordinal) ?? [];
        // A stage of an API that -WhatIf only planned cannot be read; it is planned along with the API.
        Await(ct => UsagePlanStages.EnsureDeployedAsync(client, (settings.ApiStages ?? []).Where(s => !known.Contains(s.ToString()) && !PlannedId.IsPlanned(s.RestApiId)), ct));
    }
}

/// <summary>Completes -QuotaPeriod with API Gateway's periods.</summary>
public sealed class QuotaPeriodCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        System.Management.Automation.Language.CommandAst commandAst, IDictionary fakeBoundParameters) =>
        UsagePlanSettings.QuotaPeriods
            .Where(p => p.StartsWith(wordToComplete, StringComparison.OrdinalIgnoreCase))
            .Select(p => new CompletionResult(p, p, CompletionResultType.ParameterValue, p));
}
