namespace ApiGatewayTools.Commands;

/// <summary>The statements of a function's resource policy: who may invoke it, from where.</summary>
[Cmdlet(VerbsCommon.Get, "GwLambdaPermission")]
[OutputType(typeof(LambdaPolicyStatement))]
public sealed class GetGwLambdaPermissionCommand : GwCmdlet
{
    /// <summary>Function name, partial or full ARN, optionally with :alias or :version.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [Alias("FunctionArn")]
    [ArgumentCompleter(typeof(FunctionNameCompleter))]
    public string FunctionName { get; set; } = "";

    protected override object? TargetOfError => FunctionName;

    protected override void ProcessItem()
    {
        var function = LambdaFunctionReference.Parse(FunctionName);
        var client = Lambda(ResolveConnection());
        var policy = Await(ct => client.GetPolicyAsync(function.FunctionNameForApi, function.Qualifier, ct));
        if (policy is null)
        {
            WriteVerbose($"{FunctionName} has no resource-based policy: nothing may invoke it through a permission yet.");
            return;
        }
        WriteObject(policy.Statements, enumerateCollection: true);
    }
}
