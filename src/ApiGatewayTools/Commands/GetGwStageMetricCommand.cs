using ApiGatewayTools.Common;
using ApiGatewayTools.LocalGateway;
using ApiGatewayTools.Models;

namespace ApiGatewayTools.Commands;

/// <summary>
/// The metrics the local gateway keeps for a stage, per stage and per method, as CloudWatch would show them
/// for API Gateway on AWS. Local only: on AWS the same figures are in CloudWatch.
/// </summary>
[Cmdlet(VerbsCommon.Get, "GwStageMetric")]
[OutputType(typeof(StageMetric))]
public sealed class GetGwStageMetricCommand : PSCmdlet
{
    private StageMethodTarget? _method;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string RestApiId { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string StageName { get; set; } = "";

    /// <summary>One method, written as "GET /pets/{petId}"; without it, the stage's totals and every method's.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? MethodPath { get; set; }

    protected override void BeginProcessing()
    {
        if (MethodPath is not null)
        {
            try
            {
                _method = StageMethodKey.Parse(MethodPath);
            }
            catch (GwValidationException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, MethodPath));
            }
        }
        if (LocalGatewaySession.Current is null)
        {
            ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException("Get-GwStageMetric reads the metrics the local gateway keeps, and none is running: start one with Start-GwLocalGateway. On AWS, a stage's metrics are in CloudWatch (namespace AWS/ApiGateway)."),
                "LocalGatewayNotRunning", ErrorCategory.ResourceUnavailable, null));
        }
    }

    protected override void ProcessRecord()
    {
        var server = LocalGatewaySession.Current!;
        var metrics = server.StageMetrics(RestApiId, StageName);
        if (metrics.Count == 0)
        {
            // No request reached the stage yet: CloudWatch shows zeros, not nothing.
            metrics = [new LocalStageMetric(RestApiId, StageName, null, null, 0, 0, 0, 0, 0, LocalLatencyStatistics.Empty, LocalLatencyStatistics.Empty)];
        }
        if (_method is not null)
        {
            // Every method ("*") is the stage's totals, which carry no verb or resource.
            var (verb, resource) = _method.Path is null ? ((string?)null, (string?)null) : (_method.HttpMethod, _method.Path.ToString());
            var method = metrics.FirstOrDefault(m => m.HttpMethod == verb && m.Resource == resource)
                ?? new LocalStageMetric(RestApiId, StageName, resource, verb, 0, 0, 0, 0, 0, LocalLatencyStatistics.Empty, LocalLatencyStatistics.Empty);
            metrics = [method];
        }
        foreach (var metric in metrics)
        {
            WriteObject(WithCloudWatchNames(new StageMetric(metric)));
        }
    }

    /// <summary>CloudWatch's names start with a digit, which C# cannot: PowerShell gets them as aliases.</summary>
    private static PSObject WithCloudWatchNames(StageMetric metric)
    {
        var wrapped = PSObject.AsPSObject(metric);
        wrapped.Properties.Add(new PSAliasProperty("4XXError", nameof(StageMetric.Error4XX)));
        wrapped.Properties.Add(new PSAliasProperty("5XXError", nameof(StageMetric.Error5XX)));
        return wrapped;
    }
}
