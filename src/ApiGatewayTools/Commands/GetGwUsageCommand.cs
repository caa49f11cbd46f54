namespace ApiGatewayTools.Commands;

/// <summary>Each key's use of a usage plan per UTC day, as GetUsage reports it: requests made and quota left.</summary>
[Cmdlet(VerbsCommon.Get, "GwUsage")]
[OutputType(typeof(UsageRecord))]
public sealed class GetGwUsageCommand : GwCmdlet
{
    public const string InvalidDateRangeErrorId = "InvalidUsageDateRange";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string UsagePlanId { get; set; } = "";

    /// <summary>Only this key's use; every key of the plan when omitted.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ApiKeyId { get; set; }

    /// <summary>The first day (UTC); six days before -EndDate when omitted.</summary>
    [Parameter]
    public DateTime? StartDate { get; set; }

    /// <summary>The last day (UTC); today when omitted.</summary>
    [Parameter]
    public DateTime? EndDate { get; set; }

    protected override object? TargetOfError => UsagePlanId;

    protected override void ProcessItem()
    {
        var end = DateOnly.FromDateTime(EndDate ?? DateTime.UtcNow);
        var start = StartDate is { } first ? DateOnly.FromDateTime(first) : end.AddDays(-6);
        if (end < start)
        {
            throw new GwValidationException(InvalidDateRangeErrorId, "EndDate",
                $"-EndDate {end:yyyy-MM-dd} is before -StartDate {start:yyyy-MM-dd}: give the first day first.");
        }
        var client = Gateway(ResolveConnection());
        var records = Await(ct => client.ListAsync(ApiGatewayOperations.GetUsage(UsagePlanId, ApiKeyId, start, end), ct).ToListAsync(ct));
        WriteObject(records, enumerateCollection: true);
    }
}
