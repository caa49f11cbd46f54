namespace ApiGatewayTools.Engine.Domain;

/// <summary>Everything New-GwAuthorizer sends, worked out before sending any of it.</summary>
public sealed record AuthorizerPlan
{
    /// <summary>The authorizer (created, updated or left as it is), then the function's permission when it needs one.</summary>
    public required GwPlan<Authorizer> Plan { get; init; }
    /// <summary>The statement granted to a Lambda authorizer's function; null when none is needed or it is already in place.</summary>
    public AddPermissionRequest? Permission { get; init; }
    /// <summary>The Lambda function a TOKEN or REQUEST authorizer runs; null for Cognito.</summary>
    public LambdaFunctionArn? FunctionArn { get; init; }
}

public static class AuthorizerWorkflow
{
    public const string InUseErrorId = "AuthorizerInUse";

    /// <summary>
    /// Re-running a script converges: an authorizer of this name is created when there is none and updated when it
    /// differs. A Lambda authorizer's function is looked up first (a typo fails before anything changes) and opened to
    /// exactly this authorizer (SourceArn .../authorizers/{id}) under a statement id derived from the API and the name.
    /// </summary>
    public static async Task<AuthorizerPlan> PlanAsync(LambdaClient lambda, string restApiId, AuthorizerSettings settings,
        LambdaFunctionReference? function, IEnumerable<Authorizer> existing, bool skipPermission, CancellationToken ct)
    {
        LambdaFunctionArn? arn = null;
        if (settings.IsLambda)
        {
            ArgumentNullException.ThrowIfNull(function);
            arn = await LambdaIntegrationWorkflow.FindFunctionAsync(lambda, function, ct).ConfigureAwait(false);
            settings = settings with { AuthorizerUri = IntegrationUri.ForLambda(arn) };
        }
        settings.Validate();

        var plan = new GwPlan<Authorizer>();
        var current = existing.FirstOrDefault(a => string.Equals(a.Name, settings.Name, StringComparison.Ordinal));
        GwStepReference? createdId = null;
        if (current is null)
        {
            var created = plan.Add(ApiGatewayOperations.CreateAuthorizer(restApiId, settings));
            plan.Returns(created);
            createdId = created.Refer(a => a.AuthorizerId, $"id of authorizer {settings.Name}");
        }
        else if (settings.Differences(current) is { Count: > 0 } patch)
        {
            plan.Returns(plan.Add(ApiGatewayOperations.UpdateAuthorizer(restApiId, current.AuthorizerId, patch)));
        }
        else
        {
            plan.Returns(current);
        }

        if (arn is null || skipPermission)
        {
            return new AuthorizerPlan { Plan = plan, FunctionArn = arn };
        }
        var permission = new AddPermissionRequest
        {
            FunctionName = arn.WithQualifier(null).ToString(),
            Qualifier = arn.Qualifier,
            StatementId = PermissionStatementId.ForAuthorizer(restApiId, settings.Name),
            SourceArn = ApiGatewayOperations.AuthorizerSourceArn(arn.Partition, lambda.Connection.Region, arn.Account, restApiId,
                createdId?.Hole ?? current!.AuthorizerId),
        };
        var added = await LambdaIntegrationWorkflow.AddPermissionAsync(lambda, plan, permission, ct, createdId is null ? null : [createdId]).ConfigureAwait(false);
        return new AuthorizerPlan { Plan = plan, FunctionArn = arn, Permission = added ? permission : null };
    }

    /// <summary>The methods that name the authorizer, as "GET /pets": API Gateway refuses to delete an authorizer while any does.</summary>
    public static IReadOnlyList<string> MethodsUsing(string authorizerId, IEnumerable<RestApiResource> resources) =>
        resources.SelectMany(r => r.ResourceMethods.Values.Where(m => m.AuthorizerId == authorizerId).Select(m => $"{m.HttpMethod} {r.Path}"))
            .Order(StringComparer.Ordinal).ToList();

    /// <summary>The refusal for an authorizer that methods still use, naming them and how to free it.</summary>
    public static GwException InUse(Authorizer authorizer, IReadOnlyList<string> methods) =>
        new GwConflictException(InUseErrorId,
            $"Authorizer {authorizer} is used by {string.Join(", ", methods)}. Give those methods another authorization (Add-GwMethod -AuthorizationType NONE, or another -AuthorizerId) first; nothing was removed.");
}
