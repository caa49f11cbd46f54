namespace ApiGatewayTools.Commands;

/// <summary>
/// Points a Lambda alias at a version: creates the alias, or moves it when it exists (nothing is sent when it
/// already points there). Stages reach the alias through Set-GwLambdaIntegration -FunctionName 'name:${stageVariables.alias}'.
/// </summary>
[Cmdlet(VerbsCommon.Set, "GwLambdaAlias", SupportsShouldProcess = true)]
[OutputType(typeof(LambdaAlias))]
public sealed class SetGwLambdaAliasCommand : GwCmdlet
{
    /// <summary>Function name, partial or full ARN, without a qualifier.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [Alias("FunctionArn")]
    [ArgumentCompleter(typeof(FunctionNameCompleter))]
    public string FunctionName { get; set; } = "";

    /// <summary>The alias (blue, prod): letters, digits, '-' and '_', not digits alone.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    [Alias("AliasName")]
    public string Name { get; set; } = "";

    /// <summary>The version the alias points at: a published version's number, or $LATEST. A published version's Version binds from the pipeline.</summary>
    [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [Alias("Version")]
    public string FunctionVersion { get; set; } = "";

    [Parameter]
    public string? Description { get; set; }

    protected override object? TargetOfError => Name;

    protected override void ProcessItem()
    {
        var function = LambdaVersionWorkflow.UnqualifiedFunction(FunctionName);
        var client = Lambda(ResolveConnection());
        var plan = Await(ct => LambdaVersionWorkflow.PlanAliasAsync(client, function, Name, FunctionVersion, Description, ct));
        if (plan.IsEmpty)
        {
            WriteVerbose($"Alias {Name} of {function.FunctionNameForApi} already points at version {FunctionVersion}.");
        }
        else if (!ShouldProcess($"alias {Name} of {function.FunctionNameForApi} -> version {FunctionVersion}", plan.ToString()))
        {
            return;
        }
        WriteObject(Await(ct => plan.ApplyAsync(client, ct)));
    }
}
