namespace ApiGatewayTools.Commands;

/// <summary>
/// Publishes a Lambda function's current code and configuration ($LATEST) as a numbered version that no later
/// change alters; publishing again with nothing changed answers the last version.
/// </summary>
[Cmdlet(VerbsData.Publish, "GwLambdaVersion", SupportsShouldProcess = true)]
[OutputType(typeof(LambdaFunction))]
public sealed class PublishGwLambdaVersionCommand : GwCmdlet
{
    /// <summary>Function name, partial or full ARN, without a qualifier.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [Alias("FunctionArn")]
    [ArgumentCompleter(typeof(FunctionNameCompleter))]
    public string FunctionName { get; set; } = "";

    /// <summary>The version's description; the function's own description when omitted.</summary>
    [Parameter]
    public string? Description { get; set; }

    protected override object? TargetOfError => FunctionName;

    protected override void ProcessItem()
    {
        var function = LambdaVersionWorkflow.UnqualifiedFunction(FunctionName);
        var plan = LambdaVersionWorkflow.PublishVersion(function, Description);
        if (!ShouldProcess(function.FunctionNameForApi, plan.ToString()))
        {
            return;
        }
        var client = Lambda(ResolveConnection());
        WriteObject(Await(ct => plan.ApplyAsync(client, ct)));
    }
}
