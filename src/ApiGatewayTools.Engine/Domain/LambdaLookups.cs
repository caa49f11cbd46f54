namespace ApiGatewayTools.Engine.Domain;

/// <summary>
/// What Lambda answered to the reads that wiring methods to functions makes (the function, its policy), kept for
/// the length of a script so that a hundred routes to one function read it once, not once per route. The policy is
/// written current with every statement the script grants; whoever changes a function otherwise calls
/// <see cref="Forget"/>.
/// </summary>
public sealed class LambdaLookups
{
    private readonly Dictionary<(string Function, string? Qualifier), LambdaFunction> _functions = new();
    private readonly Dictionary<(string Function, string? Qualifier), LambdaPolicy?> _policies = new();

    public async Task<LambdaFunction> GetFunctionAsync(LambdaClient lambda, string functionName, string? qualifier, CancellationToken ct)
    {
        if (!_functions.TryGetValue((functionName, qualifier), out var function))
        {
            function = await lambda.GetFunctionAsync(functionName, qualifier, ct).ConfigureAwait(false);
            _functions[(functionName, qualifier)] = function;
        }
        return function;
    }

    public async Task<LambdaPolicy?> GetPolicyAsync(LambdaClient lambda, string functionName, string? qualifier, CancellationToken ct)
    {
        if (!_policies.TryGetValue((functionName, qualifier), out var policy))
        {
            policy = await lambda.GetPolicyAsync(functionName, qualifier, ct).ConfigureAwait(false);
            _policies[(functionName, qualifier)] = policy;
        }
        return policy;
    }

    /// <summary>The function now holds <paramref name="permission"/> (replacing any statement of the same id).</summary>
    public void Granted(AddPermissionRequest permission)
    {
        if (!_policies.TryGetValue((permission.FunctionName, permission.Qualifier), out var policy))
        {
            return;
        }
        var statement = new LambdaPolicyStatement
        {
            FunctionName = permission.FunctionName,
            StatementId = permission.StatementId,
            Effect = "Allow",
            Principal = permission.Principal,
            Action = permission.Action,
            SourceArn = permission.SourceArn,
            SourceAccount = permission.SourceAccount,
        };
        var statements = (policy?.Statements ?? []).Where(s => s.StatementId != permission.StatementId).Append(statement).ToList();
        _policies[(permission.FunctionName, permission.Qualifier)] = (policy ?? new LambdaPolicy { FunctionName = permission.FunctionName }) with { Statements = statements };
    }

    /// <summary>Something else changed a function or its policy: read them all again.</summary>
    public void Forget()
    {
        _functions.Clear();
        _policies.Clear();
    }
}
