namespace ApiGatewayTools.Engine.Domain;

/// <summary>Everything that wiring one method to one Lambda function sends, worked out before sending any of it.</summary>
public sealed record LambdaIntegrationPlan
{
    public required LambdaFunctionArn FunctionArn { get; init; }
    /// <summary>The integration and its responses, then (unless skipped or already in place) the permission.</summary>
    public required GwPlan<Integration> Plan { get; init; }
    /// <summary>Null when -SkipPermission, or when the function already holds exactly this statement.</summary>
    public AddPermissionRequest? Permission { get; init; }
}

public static class LambdaIntegrationWorkflow
{
    public const string FunctionNotFoundErrorId = "LambdaFunctionNotFound";

    /// <summary>
    /// Looks the function up (so a typo fails before anything changes), then plans the integration and a
    /// permission scoped by SourceArn to exactly this API, verb and path, under a deterministic statement id.
    /// </summary>
    public static async Task<LambdaIntegrationPlan> PlanAsync(LambdaClient lambda, string restApiId, string resourceId, string httpMethod,
        ResourcePath path, LambdaFunctionReference function, bool proxy, bool skipPermission, CancellationToken ct)
    {
        var arn = await FindFunctionAsync(lambda, function, ct).ConfigureAwait(false);
        var integration = new PutIntegrationRequest
        {
            RestApiId = restApiId,
            ResourceId = resourceId,
            HttpMethod = httpMethod,
            Type = proxy ? "AWS_PROXY" : "AWS",
            IntegrationHttpMethod = "POST", // Lambda is always invoked with POST, whatever the method's verb.
            Uri = IntegrationUri.ForLambda(arn),
        };
        var plan = IntegrationPlan.For(integration);
        if (skipPermission)
        {
            return new LambdaIntegrationPlan { FunctionArn = arn, Plan = plan };
        }

        var permission = new AddPermissionRequest
        {
            FunctionName = arn.WithQualifier(null).ToString(),
            Qualifier = arn.Qualifier,
            StatementId = PermissionStatementId.For(restApiId, httpMethod, path),
            SourceArn = ExecuteApiArn.ForMethod(arn.Partition, lambda.Connection.Region, arn.Account, restApiId, httpMethod, path),
        };
        return await AddPermissionAsync(lambda, plan, permission, ct).ConfigureAwait(false)
            ? new LambdaIntegrationPlan { FunctionArn = arn, Plan = plan, Permission = permission }
            : new LambdaIntegrationPlan { FunctionArn = arn, Plan = plan };
    }

    /// <summary>The function's ARN (with the qualifier asked for); a function that does not exist fails here, before anything changes.</summary>
    public static async Task<LambdaFunctionArn> FindFunctionAsync(LambdaClient lambda, LambdaFunctionReference function, CancellationToken ct)
    {
        LambdaFunction found;
        try
        {
            found = await lambda.GetFunctionAsync(function.FunctionNameForApi, function.Qualifier, ct).ConfigureAwait(false);
        }
        catch (GwServiceException e) when (e.Kind == GwErrorKind.NotFound)
        {
            throw new GwNotFoundException(FunctionNotFoundErrorId,
                $"Lambda function '{function.AsTyped}' does not exist in {lambda.Connection.Region}. Check the name, the qualifier and the region; nothing was changed.");
        }

        return LambdaFunctionArn.Parse(found.FunctionArn).WithQualifier(function.Qualifier);
    }

    /// <summary>
    /// Adds to <paramref name="plan"/> what gives API Gateway exactly <paramref name="permission"/> on the function:
    /// nothing when the function already holds this statement with this scope (answers false), otherwise the
    /// statement, after removing one of the same id with another scope. The plan's earlier steps run first, so
    /// the function is opened only to what they made. <paramref name="sourceArnReferences"/> are the earlier
    /// steps' answers that the SourceArn names (an authorizer's id before it is created).
    /// </summary>
    public static async Task<bool> AddPermissionAsync(LambdaClient lambda, GwPlan plan, AddPermissionRequest permission, CancellationToken ct,
        IReadOnlyList<GwStepReference>? sourceArnReferences = null)
    {
        var policy = await lambda.GetPolicyAsync(permission.FunctionName, permission.Qualifier, ct).ConfigureAwait(false);
        var existing = policy?.Statements.FirstOrDefault(s => s.StatementId == permission.StatementId);
        if (existing is not null && existing.SourceArn == permission.SourceArn && existing.Principal == permission.Principal && existing.Action == permission.Action)
        {
            return false;
        }

        // The integration is in place before the function is opened to it; a statement with our id but
        // another scope goes first.
        if (existing is not null)
        {
            plan.Add(LambdaOperations.RemovePermission(permission.FunctionName, existing.StatementId, permission.Qualifier));
        }
        // A Conflict means a parallel run added the same statement id first; it carries the same scope.
        plan.Add(LambdaOperations.AddPermission(permission, sourceArnReferences), (_, _, _) => Task.FromResult<LambdaPolicyStatement>(null!));
        return true;
    }
}
