using System.Globalization;
using System.Text.RegularExpressions;

namespace ApiGatewayTools.Engine.Domain;

public static partial class DeploymentWorkflow
{
    public const string InvalidStageNameErrorId = "InvalidStageName";
    public const string InvalidStageVariableErrorId = "InvalidStageVariable";
    public const string InvalidCanaryPercentErrorId = "InvalidCanaryPercent";
    public const string StageNotFoundErrorId = "StageNotFound";
    public const string DeploymentNotFoundErrorId = "DeploymentNotFound";
    public const string DeploymentInUseErrorId = "DeploymentInUse";

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

    /// <summary>AWS's range for a canary's share of requests, 0.0 to 100.0 percent.</summary>
    public static DeploymentCanary ValidateCanary(double percentTraffic, IReadOnlyDictionary<string, string>? stageVariableOverrides, bool useStageCache)
    {
        if (double.IsNaN(percentTraffic) || percentTraffic is < 0 or > 100)
        {
            throw new GwValidationException(InvalidCanaryPercentErrorId, "CanaryPercent",
                $"-CanaryPercent {percentTraffic.ToString(CultureInfo.InvariantCulture)} is not a share of requests: use 0 to 100 (e.g. -CanaryPercent 10).");
        }

        return new DeploymentCanary
        {
            PercentTraffic = percentTraffic,
            StageVariableOverrides = stageVariableOverrides is null ? null : ValidateVariables(stageVariableOverrides),
            UseStageCache = useStageCache,
        };
    }

    /// <summary>
    /// Publishes an existing deployment to a stage (a promotion, e.g. what dev serves to prod, or a rollback): the
    /// stage is pointed at it, or created serving it; no new deployment is made. The deployment is read first, so one
    /// that is not this API's is refused before anything is sent; a stage already serving it needs nothing sent.
    /// </summary>
    public static async Task<(GwPlan<Stage> Plan, Deployment Deployment, bool StageExists)> PlanPublishExistingAsync(
        ApiGatewayClient client, string restApiId, string stageName, string deploymentId, CancellationToken ct)
    {
        // A deployment or API that -WhatIf only planned is not read: it exists (as planned), and a planned API has no stages.
        var deployment = PlannedId.IsPlanned(deploymentId)
            ? new Deployment { Connection = client.Connection, RestApiId = restApiId, DeploymentId = deploymentId }
            : await RequireDeploymentAsync(client, restApiId, deploymentId, ct).ConfigureAwait(false);
        var stage = PlannedId.IsPlanned(restApiId) ? null
            : (await client.GetStagesAsync(restApiId, null, ct).ConfigureAwait(false)).FirstOrDefault(s => s.StageName == stageName);
        var plan = new GwPlan<Stage>();
        if (stage is null)
        {
            plan.Returns(plan.Add(ApiGatewayOperations.CreateStage(restApiId, stageName, deploymentId)));
        }
        else if (stage.DeploymentId == deploymentId)
        {
            plan.Returns(stage);
        }
        else
        {
            plan.Returns(plan.Add(ApiGatewayOperations.UpdateStage(restApiId, stageName, [new PatchOperation("replace", "/deploymentId", deploymentId)])));
        }

        return (plan, deployment, stage is not null);
    }

    /// <summary>What Publish-GwDeployment reports: the deployment (new or existing) and the stage now serving it.</summary>
    public static DeploymentResult Published(Deployment deployment, Stage stage, bool stageCreated) => new()
    {
        Connection = stage.Connection,
        RestApiId = stage.RestApiId,
        DeploymentId = deployment.DeploymentId,
        StageName = stage.StageName,
        Description = deployment.Description,
        CreatedDate = deployment.CreatedDate,
        InvokeUrl = stage.InvokeUrl,
        StageCreated = stageCreated,
        Canary = stage.Canary,
        DocumentationVersion = stage.DocumentationVersion,
    };

    /// <summary>CreateDeployment with a stage name: API Gateway creates the stage when it is missing, else points it at the new deployment (or makes it the canary).</summary>
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

    /// <summary>
    /// Applies a <see cref="Plan"/>, reading around it whether the stage is new and where it is served. A canary
    /// needs a stage that already serves a deployment (API Gateway creates no stage for one): refused before sending.
    /// </summary>
    public static async Task<DeploymentResult> PublishAsync(ApiGatewayClient client, CreateDeploymentRequest request, GwPlan<Deployment> plan, CancellationToken ct)
    {
        var stageName = request.StageName!;
        var stages = await client.GetStagesAsync(request.RestApiId, null, ct).ConfigureAwait(false);
        var stageExisted = stages.Any(s => s.StageName == stageName);
        if (request.Canary is not null && !stageExisted)
        {
            throw new GwNotFoundException(StageNotFoundErrorId,
                $"REST API {request.RestApiId} has no stage {stageName} to put a canary on: a canary tries a deployment out on a stage that already serves one. " +
                $"Publish first without -CanaryPercent (Publish-GwDeployment -StageName {stageName}), then publish the next version with -CanaryPercent.");
        }

        var deployment = await plan.ApplyAsync(client, ct).ConfigureAwait(false);
        var stage = await client.GetStageAsync(request.RestApiId, stageName, ct).ConfigureAwait(false);
        return Published(deployment, stage, !stageExisted);
    }

    /// <summary>
    /// The API's deployments (or the one with <paramref name="deploymentId"/>), newest first, each with the stages
    /// that serve it and the stages that try it out as their canary.
    /// </summary>
    public static async Task<IReadOnlyList<Deployment>> HistoryAsync(ApiGatewayClient client, string restApiId, string? deploymentId, CancellationToken ct)
    {
        IReadOnlyList<Deployment> deployments = deploymentId is null
            ? await client.GetDeploymentsAsync(restApiId, ct).ToListAsync(ct).ConfigureAwait(false)
            : [await client.GetDeploymentAsync(restApiId, deploymentId, ct).ConfigureAwait(false)];
        var stages = await client.GetStagesAsync(restApiId, null, ct).ConfigureAwait(false);
        return WithStages(deployments, stages);
    }

    /// <summary>Names on each deployment the stages that serve it and those that use it as their canary; newest first.</summary>
    public static IReadOnlyList<Deployment> WithStages(IEnumerable<Deployment> deployments, IReadOnlyList<Stage> stages) =>
        deployments
            .Select(d => d with
            {
                Stages = StagesWhere(stages, s => s.DeploymentId == d.DeploymentId),
                CanaryStages = StagesWhere(stages, s => s.Canary?.DeploymentId == d.DeploymentId),
            })
            .OrderByDescending(d => d.CreatedDate)
            .ToList();

    /// <summary>
    /// Points the stage back at an existing deployment of the same API: a rollback, with no new deployment. Both are
    /// read first, so a deployment that is not this API's is refused before anything is sent; a stage already serving
    /// it needs nothing sent.
    /// </summary>
    public static async Task<GwPlan<Stage>> PlanRestoreAsync(ApiGatewayClient client, string restApiId, string stageName, string deploymentId, CancellationToken ct)
    {
        var stage = await client.GetStageAsync(restApiId, stageName, ct).ConfigureAwait(false);
        await RequireDeploymentAsync(client, restApiId, deploymentId, ct).ConfigureAwait(false);
        var plan = new GwPlan<Stage>();
        if (stage.DeploymentId == deploymentId)
        {
            plan.Returns(stage);
        }
        else
        {
            plan.Returns(plan.Add(ApiGatewayOperations.UpdateStage(restApiId, stageName, [new PatchOperation("replace", "/deploymentId", deploymentId)])));
        }

        return plan;
    }

    /// <summary>
    /// DeleteDeployment, once the deployment is known to exist and no stage serves it or tries it as its canary;
    /// otherwise refused before sending, naming the stages.
    /// </summary>
    public static async Task<GwOperation> PrepareRemoveAsync(ApiGatewayClient client, string restApiId, string deploymentId, CancellationToken ct)
    {
        var deployment = await RequireDeploymentAsync(client, restApiId, deploymentId, ct).ConfigureAwait(false);
        var stages = await client.GetStagesAsync(restApiId, null, ct).ConfigureAwait(false);
        var used = WithStages([deployment], stages)[0];
        var users = used.Stages.Concat(used.CanaryStages.Select(name => $"{name} (canary)")).ToList();
        if (users.Count > 0)
        {
            throw new GwConflictException(DeploymentInUseErrorId,
                $"Deployment {deploymentId} of REST API {restApiId} is in use by {(users.Count == 1 ? "stage" : "stages")} {string.Join(", ", users)}: API Gateway keeps a deployment a stage uses. " +
                "Point the stage at another deployment first (Restore-GwStage -StageName <name> -DeploymentId <other>, or Remove-GwCanary for a canary), " +
                "or remove the stage (Remove-GwStage), then remove the deployment.");
        }

        return ApiGatewayOperations.DeleteDeployment(restApiId, deploymentId);
    }

    /// <summary>
    /// Promotes the stage's canary and ends it, in one UpdateStage: AWS's documented promotion (copy the canary's
    /// deployment id to the stage's, and its variable overrides, when it has any, into the stage's variables),
    /// then the canary settings go: a promoted canary has nothing left to try (AWS's console leaves it at 0%
    /// instead). Copying on the service's side promotes the canary as it is then, not as it was read. A stage
    /// without a canary needs nothing sent.
    /// </summary>
    public static GwPlan<Stage> PlanCompleteCanary(Stage stage)
    {
        var plan = new GwPlan<Stage>();
        if (stage.Canary is not { } canary)
        {
            plan.Returns(stage);
            return plan;
        }

        var patch = new List<PatchOperation> { new("copy", "/deploymentId", From: "/canarySettings/deploymentId") };
        if (canary.StageVariableOverrides.Count > 0)
        {
            patch.Add(new PatchOperation("copy", "/variables", From: "/canarySettings/stageVariableOverrides"));
        }

        patch.Add(RemoveCanarySettings);
        plan.Returns(plan.Add(ApiGatewayOperations.UpdateStage(stage.RestApiId, stage.StageName, patch)));
        return plan;
    }

    /// <summary>Abandons the stage's canary: the stage keeps serving its deployment; the canary's deployment stays in the history.</summary>
    public static GwPlan<Stage> PlanRemoveCanary(Stage stage)
    {
        var plan = new GwPlan<Stage>();
        if (stage.Canary is null)
        {
            plan.Returns(stage);
        }
        else
        {
            plan.Returns(plan.Add(ApiGatewayOperations.UpdateStage(stage.RestApiId, stage.StageName, [RemoveCanarySettings])));
        }

        return plan;
    }

    private static readonly PatchOperation RemoveCanarySettings = new("remove", "/canarySettings");

    private static IReadOnlyList<string> StagesWhere(IReadOnlyList<Stage> stages, Func<Stage, bool> uses) =>
        stages.Where(uses).Select(s => s.StageName).Order(StringComparer.Ordinal).ToList();

    /// <summary>Deployment ids belong to one API: an id this API does not have is named so, with where to look.</summary>
    private static async Task<Deployment> RequireDeploymentAsync(ApiGatewayClient client, string restApiId, string deploymentId, CancellationToken ct)
    {
        try
        {
            return await client.GetDeploymentAsync(restApiId, deploymentId, ct).ConfigureAwait(false);
        }
        catch (GwServiceException e) when (e.Kind == GwErrorKind.NotFound)
        {
            throw new GwNotFoundException(DeploymentNotFoundErrorId,
                $"REST API {restApiId} has no deployment {deploymentId} (a deployment belongs to the API it was made from). " +
                $"Its deployments: Get-GwDeployment -RestApiId {restApiId}.");
        }
    }
}
