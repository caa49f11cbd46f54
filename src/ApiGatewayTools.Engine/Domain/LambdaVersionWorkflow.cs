using System.Text.RegularExpressions;

namespace ApiGatewayTools.Engine.Domain;

/// <summary>Publishing a function's versions and pointing its aliases at them, checked before anything is sent.</summary>
public static partial class LambdaVersionWorkflow
{
    public const string InvalidAliasNameErrorId = "InvalidAliasName";
    public const string InvalidFunctionVersionErrorId = "InvalidFunctionVersion";
    public const string QualifiedFunctionNameErrorId = "QualifiedFunctionName";

    [GeneratedRegex(@"^(?!^[0-9]+$)[A-Za-z0-9_-]{1,128}$")]
    private static partial Regex AliasName();

    [GeneratedRegex(@"^(\$LATEST|[1-9][0-9]*)$")]
    private static partial Regex FunctionVersion();

    /// <summary>Versions and aliases belong to the function itself: a name or ARN without :qualifier.</summary>
    public static LambdaFunctionReference UnqualifiedFunction(string? functionName)
    {
        var function = LambdaFunctionReference.Parse(functionName);
        return function.Qualifier is null
            ? function
            : throw new GwValidationException(QualifiedFunctionNameErrorId, "FunctionName",
                $"'{functionName}' names a version or alias; versions and aliases belong to the function. Write the function alone: {function.FunctionNameForApi}.");
    }

    public static GwPlan<LambdaFunction> PublishVersion(LambdaFunctionReference function, string? description)
    {
        var plan = new GwPlan<LambdaFunction>();
        plan.Returns(plan.Add(LambdaOperations.PublishVersion(function.FunctionNameForApi, description)));
        return plan;
    }

    /// <summary>
    /// Creates the alias, or moves it to <paramref name="functionVersion"/> when it exists; nothing is sent when
    /// it already points there with this description, so re-running a script converges.
    /// </summary>
    public static async Task<GwPlan<LambdaAlias>> PlanAliasAsync(LambdaClient lambda, LambdaFunctionReference function, string aliasName,
        string functionVersion, string? description, CancellationToken ct)
    {
        if (!AliasName().IsMatch(aliasName))
        {
            throw new GwValidationException(InvalidAliasNameErrorId, "Name",
                $"'{aliasName}' is not an alias name Lambda accepts: use 1 to 128 letters, digits, '-' or '_', not digits alone (a number names a version), e.g. blue or prod.");
        }
        if (!FunctionVersion().IsMatch(functionVersion))
        {
            throw new GwValidationException(InvalidFunctionVersionErrorId, "FunctionVersion",
                $"'{functionVersion}' is not a function version: use a published version's number (1, 2, ...) or $LATEST.");
        }

        var name = function.FunctionNameForApi;
        LambdaAlias? existing;
        try
        {
            existing = await lambda.SendAsync(LambdaOperations.GetAlias(name, aliasName), ct).ConfigureAwait(false);
        }
        catch (GwServiceException e) when (e.Kind == GwErrorKind.NotFound && !e.Message.StartsWith("Function not found", StringComparison.OrdinalIgnoreCase))
        {
            existing = null;
        }

        var plan = new GwPlan<LambdaAlias>();
        if (existing is null)
        {
            plan.Returns(plan.Add(LambdaOperations.CreateAlias(name, aliasName, functionVersion, description)));
        }
        else if (existing.FunctionVersion != functionVersion || (description is not null && description != existing.Description))
        {
            plan.Returns(plan.Add(LambdaOperations.UpdateAlias(name, aliasName, functionVersion, description)));
        }
        else
        {
            plan.Returns(existing);
        }
        return plan;
    }
}
