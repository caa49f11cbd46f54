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
    private static readonly HashSet<string> Verbs = new(StringComparer.Ordinal) { "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY" };

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
        if (MethodPath is not null && ParseMethodPath(MethodPath) is null)
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException($"-MethodPath '{MethodPath}' is not a method: write the verb and the resource path, e.g. 'GET /pets/{{petId}}'."),
                "InvalidMethodPath", ErrorCategory.InvalidArgument, MethodPath));
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
        if (MethodPath is not null)
        {
            var (verb, resource) = ParseMethodPath(MethodPath)!.Value;
            var method = metrics.FirstOrDefault(m => m.HttpMethod == verb && m.Resource == resource)
                ?? new LocalStageMetric(RestApiId, StageName, resource, verb, 0, 0, 0, 0, 0, LocalLatencyStatistics.Empty, LocalLatencyStatistics.Empty);
            metrics = [method];
        }
        foreach (var metric in metrics)
        {
            WriteObject(WithCloudWatchNames(new StageMetric(metric)));
        }
    }

    /// <summary>"GET /pets/{petId}" as (GET, /pets/{petId}); null when it is not a verb and a path.</summary>
    private static (string Verb, string Resource)? ParseMethodPath(string methodPath)
    {
        var parts = methodPath.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !Verbs.Contains(parts[0].ToUpperInvariant()) || !parts[1].StartsWith('/'))
        {
            return null;
        }
        var resource = parts[1].Length > 1 ? parts[1].TrimEnd('/') : parts[1];
        return (parts[0].ToUpperInvariant(), resource);
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
