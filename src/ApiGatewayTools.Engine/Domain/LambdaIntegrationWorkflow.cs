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

        var arn = LambdaFunctionArn.Parse(found.FunctionArn).WithQualifier(function.Qualifier);
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
        var policy = await lambda.GetPolicyAsync(permission.FunctionName, permission.Qualifier, ct).ConfigureAwait(false);
        var existing = policy?.Statements.FirstOrDefault(s => s.StatementId == permission.StatementId);
        if (existing is not null && existing.SourceArn == permission.SourceArn && existing.Principal == permission.Principal && existing.Action == permission.Action)
        {
            return new LambdaIntegrationPlan { FunctionArn = arn, Plan = plan };
        }

        // The integration is in place before the function is opened to it; a statement with our id but
        // another scope goes first.
        if (existing is not null)
        {
            plan.Add(LambdaOperations.RemovePermission(permission.FunctionName, existing.StatementId, permission.Qualifier));
        }
        // A Conflict means a parallel run added the same statement id first; it carries the same scope.
        plan.Add(LambdaOperations.AddPermission(permission), (_, _, _) => Task.FromResult<LambdaPolicyStatement>(null!));
        return new LambdaIntegrationPlan { FunctionArn = arn, Plan = plan, Permission = permission };
    }
}
