namespace ApiGatewayTools.Engine.Domain;

/// <summary>Everything that wiring one method to one Lambda function sends, worked out before sending any of it.</summary>
public sealed record LambdaIntegrationPlan
{
    public required LambdaFunctionArn FunctionArn { get; init; }
    /// <summary>The integration and its responses, then (unless skipped or already in place) the permission.</summary>
    public required GwPlan<Integration> Plan { get; init; }
    /// <summary>
    /// The permissions the plan adds: none when -SkipPermission or when the function already holds exactly these
    /// statements; one per alias the API's stages resolve to when the qualifier is a stage variable.
    /// </summary>
    public IReadOnlyList<AddPermissionRequest> Permissions { get; init; } = [];
    /// <summary>What the plan cannot do yet and what the user must do about it (stages without the variable, missing aliases).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

public static class LambdaIntegrationWorkflow
{
    public const string FunctionNotFoundErrorId = "LambdaFunctionNotFound";

    /// <summary>
    /// Looks the function up (so a typo fails before anything changes), then plans the integration and a
    /// permission scoped by SourceArn to exactly this API, verb and path, under a deterministic statement id.
    /// With a per-stage qualifier (orders:${stageVariables.alias}) the permission goes on each alias the API's
    /// current stages resolve to, as Lambda checks the permission of the alias invoked.
    /// </summary>
    public static async Task<LambdaIntegrationPlan> PlanAsync(LambdaClient lambda, ApiGatewayClient gateway, string restApiId, string resourceId,
        string httpMethod, ResourcePath path, LambdaFunctionReference function, bool proxy, bool skipPermission, CancellationToken ct,
        IntegrationOptions? options = null, Method? existing = null, LambdaLookups? lookups = null)
    {
        var arn = await FindFunctionAsync(lambda, function, ct, lookups).ConfigureAwait(false);
        var integration = new PutIntegrationRequest
        {
            RestApiId = restApiId,
            ResourceId = resourceId,
            HttpMethod = httpMethod,
            Type = proxy ? "AWS_PROXY" : "AWS",
            IntegrationHttpMethod = "POST", // Lambda is always invoked with POST, whatever the method's verb.
            Uri = IntegrationUri.ForLambda(arn),
        };
        if (options is not null)
        {
            integration = options.AppliedTo(integration);
        }
        var plan = IntegrationPlan.For(integration, options?.ErrorResponses ?? false, existing);
        if (skipPermission)
        {
            return new LambdaIntegrationPlan { FunctionArn = arn, Plan = plan };
        }

        var sourceArn = ExecuteApiArn.ForMethod(arn.Partition, lambda.Connection.Region, arn.Account, restApiId, httpMethod, path);
        var statementId = PermissionStatementId.For(restApiId, httpMethod, path);
        var warnings = new List<string>();
        IReadOnlyList<string?> qualifiers = [arn.Qualifier];
        if (function.QualifierStageVariable is { } variable)
        {
            qualifiers = await StageQualifiersAsync(lambda, gateway, restApiId, function, variable, warnings, ct).ConfigureAwait(false);
        }

        // The integration is in place before the function is opened to it.
        var permissions = new List<AddPermissionRequest>();
        foreach (var qualifier in qualifiers)
        {
            var permission = new AddPermissionRequest
            {
                FunctionName = arn.WithQualifier(null).ToString(),
                Qualifier = qualifier,
                StatementId = statementId,
                SourceArn = sourceArn,
            };
            if (await AddPermissionAsync(lambda, plan, permission, ct, lookups: lookups).ConfigureAwait(false))
            {
                permissions.Add(permission);
            }
        }
        return new LambdaIntegrationPlan { FunctionArn = arn, Plan = plan, Permissions = permissions, Warnings = warnings };
    }

    /// <summary>
    /// The function's ARN (with the qualifier asked for); a function that does not exist fails here, before anything
    /// changes. A per-stage qualifier (${stageVariables.x}) names no alias yet: the unqualified function must exist.
    /// </summary>
    public static async Task<LambdaFunctionArn> FindFunctionAsync(LambdaClient lambda, LambdaFunctionReference function, CancellationToken ct,
        LambdaLookups? lookups = null)
    {
        var qualifier = function.QualifierStageVariable is null ? function.Qualifier : null;
        LambdaFunction found;
        try
        {
            found = lookups is null
                ? await lambda.GetFunctionAsync(function.FunctionNameForApi, qualifier, ct).ConfigureAwait(false)
                : await lookups.GetFunctionAsync(lambda, function.FunctionNameForApi, qualifier, ct).ConfigureAwait(false);
        }
        catch (GwServiceException e) when (e.Kind == GwErrorKind.NotFound)
        {
            throw new GwNotFoundException(FunctionNotFoundErrorId,
                $"Lambda function '{function.AsTyped}' does not exist in {lambda.Connection.Region}. Check the name, the qualifier and the region; nothing was changed.");
        }

        return LambdaFunctionArn.Parse(found.FunctionArn).WithQualifier(function.Qualifier);
    }

    /// <summary>
    /// The aliases the API's stages (and their canaries) resolve the variable to, each once, that exist on the
    /// function; a warning for each stage without the variable and each alias that does not exist yet, saying
    /// what to do. Re-running after that grants what is missing.
    /// </summary>
    private static async Task<IReadOnlyList<string?>> StageQualifiersAsync(LambdaClient lambda, ApiGatewayClient gateway, string restApiId,
        LambdaFunctionReference function, string variable, List<string> warnings, CancellationToken ct)
    {
        // A planned API (-WhatIf) has no stages yet.
        var stages = PlannedId.IsPlanned(restApiId) ? Array.Empty<Stage>() : await gateway.GetStagesAsync(restApiId, null, ct).ConfigureAwait(false);
        var rerun = $"then run Set-GwLambdaIntegration -FunctionName '{function.AsTyped}' again to grant its permission";
        if (stages.Count == 0)
        {
            warnings.Add($"REST API {restApiId} has no stage yet, so no alias is permitted: publish a stage (Publish-GwDeployment -StageName <stage> -StageVariable @{{{variable}='<alias>'}}), {rerun}.");
        }
        var aliases = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var stage in stages.OrderBy(s => s.StageName, StringComparer.Ordinal))
        {
            if (stage.Variables.TryGetValue(variable, out var alias))
            {
                aliases.Add(alias);
            }
            else
            {
                warnings.Add($"Stage '{stage.StageName}' has no stage variable '{variable}', so calls through it fail: set it (Set-GwStage -RestApiId {restApiId} -StageName {stage.StageName} -Variable @{{{variable}='<alias>'}}), {rerun}.");
            }
            if (stage.Canary?.StageVariableOverrides.TryGetValue(variable, out var canaryAlias) == true)
            {
                aliases.Add(canaryAlias);
            }
        }
        var existing = new List<string?>();
        foreach (var alias in aliases)
        {
            try
            {
                await lambda.GetFunctionAsync(function.FunctionNameForApi, alias, ct).ConfigureAwait(false);
                existing.Add(alias);
            }
            catch (GwServiceException e) when (e.Kind == GwErrorKind.NotFound)
            {
                warnings.Add($"Function {function.Name} has no alias or version '{alias}', which a stage's '{variable}' names: create it (Set-GwLambdaAlias -FunctionName {function.Name} -Name {alias} -FunctionVersion <version>), {rerun}.");
            }
        }
        return existing;
    }

    /// <summary>
    /// Adds to <paramref name="plan"/> what gives API Gateway exactly <paramref name="permission"/> on the function:
    /// nothing when the function already holds this statement with this scope (answers false), otherwise the
    /// statement, after removing one of the same id with another scope. The plan's earlier steps run first, so
    /// the function is opened only to what they made. <paramref name="sourceArnReferences"/> are the earlier
    /// steps' answers that the SourceArn names (an authorizer's id before it is created).
    /// </summary>
    public static async Task<bool> AddPermissionAsync(LambdaClient lambda, GwPlan plan, AddPermissionRequest permission, CancellationToken ct,
        IReadOnlyList<GwStepReference>? sourceArnReferences = null, LambdaLookups? lookups = null)
    {
        var policy = lookups is null
            ? await lambda.GetPolicyAsync(permission.FunctionName, permission.Qualifier, ct).ConfigureAwait(false)
            : await lookups.GetPolicyAsync(lambda, permission.FunctionName, permission.Qualifier, ct).ConfigureAwait(false);
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
