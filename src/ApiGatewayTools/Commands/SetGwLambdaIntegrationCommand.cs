namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Set, "GwLambdaIntegration", SupportsShouldProcess = true)]
[OutputType(typeof(Integration))]
public sealed class SetGwLambdaIntegrationCommand : GwMethodCmdlet
{
    /// <summary>
    /// Function name, partial or full ARN, optionally with :alias or :version, or with :${stageVariables.name}
    /// so that each stage invokes the alias its variable names.
    /// </summary>
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

    /// <summary>Request mapping templates per content type, or one string for application/json (with -NonProxy).</summary>
    [Parameter]
    [TemplateMapArgument]
    public Hashtable? RequestTemplate { get; set; }

    /// <summary>What happens to a body whose content type has no template (with -NonProxy; API Gateway's default is WHEN_NO_MATCH).</summary>
    [Parameter]
    [ValidateSet(IntegrationOptions.WhenNoMatch, IntegrationOptions.WhenNoTemplates, IntegrationOptions.Never)]
    public string? PassthroughBehavior { get; set; }

    /// <summary>
    /// Adds a 400 response for errors whose message says "bad request" and a 500 for every other error beside the
    /// default 200, each answering {"message": errorMessage} (with -NonProxy).
    /// </summary>
    [Parameter]
    public SwitchParameter ErrorResponse { get; set; }

    protected override bool IsInputError(GwException e) =>
        base.IsInputError(e) || e.ErrorId == LambdaIntegrationWorkflow.FunctionNotFoundErrorId;

    /// <summary>The building cmdlets share one listing per API across a script (see <see cref="SharedReads"/>).</summary>
    protected override bool SharesTrees => true;

    protected override void ProcessItem()
    {
        var function = LambdaFunctionReference.Parse(FunctionName);
        var templates = Hashtables.ToStringMap(RequestTemplate, nameof(RequestTemplate));
        IntegrationOptions.RequireNonProxy(!NonProxy, "NonProxy", templates, PassthroughBehavior, ErrorResponse);
        var options = new IntegrationOptions(templates, PassthroughBehavior, ErrorResponse);
        var (connection, resource, verb) = Target();
        var lookups = SharedLambdaLookups(connection);
        var plan = Await(ct => LambdaIntegrationWorkflow.PlanAsync(Lambda(connection), Gateway(connection), RestApiId, resource.ResourceId, verb,
            ResourcePath.Parse(resource.Path), function, proxy: !NonProxy, skipPermission: SkipPermission, ct, options, Listed(resource, verb), lookups));
        // Before ShouldProcess, so -WhatIf shows what the plan cannot grant yet too.
        foreach (var warning in plan.Warnings)
        {
            WriteWarning(warning);
        }
        if (!ShouldProcess($"{verb} {resource.Path} in REST API {RestApiId} -> {plan.FunctionArn}", plan.Plan.ToString(),
            () => PlannedIntegration(resource, verb, NonProxy ? "AWS" : "AWS_PROXY", plan.FunctionArn.ToString())))
        {
            return;
        }

        var integration = ApplyIntegration(connection, resource, verb, plan.Plan);
        foreach (var permission in plan.Permissions)
        {
            lookups?.Granted(permission);
            var granted = permission.Qualifier is null ? permission.FunctionName : $"{permission.FunctionName}:{permission.Qualifier}";
            WriteVerbose($"Granted apigateway.amazonaws.com lambda:InvokeFunction on {granted} for {permission.SourceArn} (statement {permission.StatementId}).");
        }
        if (plan.Permissions.Count == 0 && !SkipPermission && plan.Warnings.Count == 0)
        {
            WriteVerbose($"{plan.FunctionArn} already allows this method to invoke it.");
        }

        WriteObject(integration);
    }
}
