using System.Collections;
using System.Management.Automation;
using ApiGatewayTools.Common;
using ApiGatewayTools.Engine.Client;
using ApiGatewayTools.Engine.Domain;
using ApiGatewayTools.Engine.Models;

namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsData.Publish, "GwDeployment", SupportsShouldProcess = true)]
[OutputType(typeof(DeploymentResult))]
public sealed class PublishGwDeploymentCommand : GwCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(RestApiIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string RestApiId { get; set; } = "";

    /// <summary>The stage to point at the new deployment; created when missing.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ArgumentCompleter(typeof(StageNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string StageName { get; set; } = "";

    /// <summary>The deployment's description (what changed).</summary>
    [Parameter]
    public string? Description { get; set; }

    /// <summary>Stage variables: @{ backendHost = 'api.example.com' }.</summary>
    [Parameter]
    public Hashtable? StageVariable { get; set; }

    protected override object? TargetOfError => RestApiId;

    protected override void ProcessItem()
    {
        var request = new CreateDeploymentRequest
        {
            RestApiId = RestApiId,
            StageName = DeploymentWorkflow.ValidateStageName(StageName),
            Description = Description,
            Variables = StageVariable is null ? null : DeploymentWorkflow.ValidateVariables(Hashtables.ToStringMap(StageVariable, nameof(StageVariable))),
        };
        var client = Gateway(ResolveConnection());
        var plan = DeploymentWorkflow.Plan(request);
        if (!ShouldProcess($"stage {StageName} of REST API {RestApiId}", plan.ToString()))
            return;
        var result = Await(ct => DeploymentWorkflow.PublishAsync(client, request, plan, ct));
        WriteVerbose(result.StageCreated
            ? $"Created stage {StageName} serving deployment {result.DeploymentId}."
            : $"Stage {StageName} now serves deployment {result.DeploymentId}.");
        WriteObject(result);
    }
}

[Cmdlet(VerbsCommon.Get, "GwDeployment")]
[OutputType(typeof(Deployment))]
public sealed class GetGwDeploymentCommand : GwCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(RestApiIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string RestApiId { get; set; } = "";

    /// <summary>One deployment; all of them, newest first, when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(DeploymentIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string? DeploymentId { get; set; }

    protected override object? TargetOfError => DeploymentId ?? RestApiId;

    protected override void ProcessItem()
    {
        var client = Gateway(ResolveConnection());
        if (DeploymentId is not null)
        {
            WriteObject(Await(ct => client.GetDeploymentAsync(RestApiId, DeploymentId, ct)));
            return;
        }
        var deployments = Await(ct => client.GetDeploymentsAsync(RestApiId, ct).ToListAsync(ct));
        WriteObject(deployments.OrderByDescending(d => d.CreatedDate), enumerateCollection: true);
    }
}

[Cmdlet(VerbsCommon.Get, "GwStage")]
[OutputType(typeof(Stage))]
public sealed class GetGwStageCommand : GwCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(RestApiIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string RestApiId { get; set; } = "";

    /// <summary>One stage; all of them when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(StageNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? StageName { get; set; }

    protected override object? TargetOfError => StageName ?? RestApiId;

    protected override void ProcessItem()
    {
        var client = Gateway(ResolveConnection());
        if (StageName is not null)
        {
            WriteObject(Await(ct => client.GetStageAsync(RestApiId, StageName, ct)));
            return;
        }
        var stages = Await(ct => client.GetStagesAsync(RestApiId, null, ct));
        WriteObject(stages.OrderBy(s => s.StageName, StringComparer.Ordinal), enumerateCollection: true);
    }
}
