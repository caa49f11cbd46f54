using System.Text.RegularExpressions;

namespace ApiGatewayTools.Engine.Domain;

public static partial class DeploymentWorkflow
{
    public const string InvalidStageNameErrorId = "InvalidStageName";
    public const string InvalidStageVariableErrorId = "InvalidStageVariable";

    [GeneratedRegex("^[A-Za-z0-9_-]{1,128}$")]
    private static partial Regex StageNamePattern();

    [GeneratedRegex("^[A-Za-z0-9_]{1,64}$")]
    private static partial Regex VariableNamePattern();

    [GeneratedRegex(@"^[A-Za-z0-9\-._~:/?#&=,]{1,512}$")]
    private static partial Regex VariableValuePattern();

    public static string ValidateStageName(string? stageName, string parameterName = "StageName")
    {
        if (stageName is null || !StageNamePattern().IsMatch(stageName))
        {
            throw new GwValidationException(InvalidStageNameErrorId, parameterName,
                $"'{stageName}' is not a valid stage name: use 1 to 128 letters, digits, '-' or '_' (e.g. prod, v1).");
        }

        return stageName;
    }

    /// <summary>Stage variables as API Gateway accepts them: names [A-Za-z0-9_], values [A-Za-z0-9-._~:/?#&amp;=,].</summary>
    public static IReadOnlyDictionary<string, string> ValidateVariables(IReadOnlyDictionary<string, string>? variables)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in variables ?? new Dictionary<string, string>())
        {
            if (!VariableNamePattern().IsMatch(name))
            {
                throw new GwValidationException(InvalidStageVariableErrorId, "StageVariable", $"Stage variable name '{name}' may only contain letters, digits and '_' (at most 64).");
            }

            if (!VariableValuePattern().IsMatch(value))
            {
                throw new GwValidationException(InvalidStageVariableErrorId, "StageVariable", $"Stage variable '{name}' has a value API Gateway refuses: use 1 to 512 letters, digits or -._~:/?#&=, characters.");
            }

            result[name] = value;
        }
        return result;
    }

    /// <summary>CreateDeployment with a stage name: API Gateway creates the stage when it is missing, else points it at the new deployment.</summary>
    public static GwPlan<Deployment> Plan(CreateDeploymentRequest request)
    {
        if (request.StageName is null)
        {
            throw new ArgumentException("A stage name is required.", nameof(request));
        }

        var plan = new GwPlan<Deployment>();
        plan.Returns(plan.Add(ApiGatewayOperations.CreateDeployment(request)));
        return plan;
    }

    /// <summary>Applies a <see cref="Plan"/>, reading around it whether the stage is new and where it is served.</summary>
    public static async Task<DeploymentResult> PublishAsync(ApiGatewayClient client, CreateDeploymentRequest request, GwPlan<Deployment> plan, CancellationToken ct)
    {
        var stageName = request.StageName!;
        var stages = await client.GetStagesAsync(request.RestApiId, null, ct).ConfigureAwait(false);
        var stageExisted = stages.Any(s => s.StageName == stageName);
        var deployment = await plan.ApplyAsync(client, ct).ConfigureAwait(false);
        var stage = await client.GetStageAsync(request.RestApiId, stageName, ct).ConfigureAwait(false);
        return new DeploymentResult
        {
            Connection = client.Connection,
            RestApiId = request.RestApiId,
            DeploymentId = deployment.DeploymentId,
            StageName = stageName,
            Description = deployment.Description,
            CreatedDate = deployment.CreatedDate,
            InvokeUrl = stage.InvokeUrl,
            StageCreated = !stageExisted,
        };
    }
}
