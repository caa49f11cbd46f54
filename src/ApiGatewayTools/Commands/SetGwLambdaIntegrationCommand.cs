namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Set, "GwLambdaIntegration", SupportsShouldProcess = true)]
[OutputType(typeof(Integration))]
public sealed class SetGwLambdaIntegrationCommand : GwMethodCmdlet
{
    /// <summary>Function name, partial or full ARN, optionally with :alias or :version.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    [Alias("FunctionArn")]
    [ArgumentCompleter(typeof(FunctionNameCompleter))]
    public string FunctionName { get; set; } = "";

    /// <summary>AWS (non-proxy, as in the guide) instead of the default AWS_PROXY.</summary>
    [Parameter]
    public SwitchParameter NonProxy { get; set; }

    /// <summary>Leave the function's resource policy alone (you manage lambda:InvokeFunction yourself).</summary>
    [Parameter]
    public SwitchParameter SkipPermission { get; set; }

    protected override bool IsInputError(GwException e) =>
        base.IsInputError(e) || e.ErrorId == LambdaIntegrationWorkflow.FunctionNotFoundErrorId;

    protected override void ProcessItem()
    {
        var function = LambdaFunctionReference.Parse(FunctionName);
        var (connection, resource, verb) = Target();
        var plan = Await(ct => LambdaIntegrationWorkflow.PlanAsync(Lambda(connection), RestApiId, resource.ResourceId, verb,
            ResourcePath.Parse(resource.Path), function, proxy: !NonProxy, skipPermission: SkipPermission, ct));
        if (!ShouldProcess($"{verb} {resource.Path} in REST API {RestApiId} -> {plan.FunctionArn}", plan.Plan.ToString()))
        {
            return;
        }

        var integration = Await(ct => plan.Plan.ApplyAsync(Gateway(connection), ct));
        if (plan.Permission is not null)
        {
            WriteVerbose($"Granted apigateway.amazonaws.com lambda:InvokeFunction on {plan.FunctionArn} for {plan.Permission.SourceArn} (statement {plan.Permission.StatementId}).");
        }
        else if (!SkipPermission)
        {
            WriteVerbose($"{plan.FunctionArn} already allows this method to invoke it.");
        }

        WriteObject(integration with { Path = resource.Path });
    }
}
