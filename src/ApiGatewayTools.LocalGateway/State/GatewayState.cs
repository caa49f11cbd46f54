using ApiGatewayTools.LocalGateway.DataPlane;
using ApiGatewayTools.LocalGateway.Http;
using ApiGatewayTools.LocalGateway.Lambda;

namespace ApiGatewayTools.LocalGateway.State;

/// <summary>
/// Everything the gateway knows, account-wide: the REST APIs (each holding the stores of what is defined
/// under it) and the local functions, and the views the data plane reads of them. Handlers take
/// <see cref="Sync"/> for the whole of an operation, so each operation sees and leaves a consistent state;
/// requests are otherwise served in parallel.
/// </summary>
internal sealed class GatewayState
{
    private long _version;

    public object Sync { get; } = new();

    public Store<RestApiRecord> RestApis { get; } = new(api => api.Id,
        id => GatewayError.NotFound($"Invalid API identifier specified {LocalGatewayServer.AccountId}:{id}"));

    public Store<LocalFunctionRecord> Functions { get; } = new(function => function.Name,
        name => GatewayError.LambdaNotFound($"Function not found: {LocalFunctionRecord.FunctionArn(name)}"));

    public Store<ApiKeyRecord> ApiKeys { get; } = new(key => key.Id, _ => GatewayError.NotFound("Invalid API Key identifier specified"));

    public Store<UsagePlanRecord> UsagePlans { get; } = new(plan => plan.Id, _ => GatewayError.NotFound("Invalid Usage Plan ID specified"));

    /// <summary>Requests counted per usage plan, key and UTC day by the invoke URLs; GetUsage reads them.</summary>
    public UsageMeter Usage { get; } = new();

    /// <summary>Bumped by every change, so cached views of the state (the invoke URLs' stage cache) know when they are stale.</summary>
    public long Version => Interlocked.Read(ref _version);

    public void Changed() => Interlocked.Increment(ref _version);

    public LocalFunctionInfo RegisterFunction(LocalFunctionDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(definition.Handler);
        if (!LocalFunctionNames.IsValid(definition.FunctionName))
        {
            throw new ArgumentException(
                $"Invalid function name '{definition.FunctionName}': use 1 to 64 letters, digits, hyphens (-) or underscores (_).",
                nameof(definition));
        }
        lock (Sync)
        {
            var function = new LocalFunctionRecord { Definition = definition, LastModified = DateTimeOffset.UtcNow };
            // Re-registering replaces the code but keeps the permissions, as updating a function's code does.
            if (Functions.TryGetValue(definition.FunctionName, out var existing))
            {
                foreach (var (qualifier, statements) in existing.PolicyStatements)
                {
                    function.PolicyStatements[qualifier] = statements;
                }
            }
            Functions.Replace(function);
            Changed();
            return function.ToInfo();
        }
    }

    public IReadOnlyList<LocalFunctionInfo> FunctionInfos()
    {
        lock (Sync)
        {
            return Functions.Values.OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => f.ToInfo()).ToList();
        }
    }

    /// <summary>A stage and the deployment it points at, as it was deployed; null when the API or stage does not exist.</summary>
    public DeployedStage? FindDeployedStage(string restApiId, string stageName)
    {
        lock (Sync)
        {
            if (!RestApis.TryGetValue(restApiId, out var api)
                || !api.Stages.TryGetValue(stageName, out var stage)
                || !api.Deployments.TryGetValue(stage.DeploymentId, out var deployment))
            {
                return null;
            }
            return new DeployedStage(
                api.Id,
                stage.StageName,
                deployment.Id,
                deployment.Snapshot,
                new Dictionary<string, string>(stage.Variables, StringComparer.Ordinal),
                stage.MethodSettings.ToDictionary(
                    pair => pair.Key,
                    pair => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(pair.Value, StringComparer.Ordinal),
                    StringComparer.Ordinal),
                api.DisableExecuteApiEndpoint)
            {
                Canary = stage.Canary is { } canary && api.Deployments.TryGetValue(canary.DeploymentId, out var canaryDeployment)
                    ? new DeployedCanary(
                        canaryDeployment.Id,
                        canaryDeployment.Snapshot,
                        canary.PercentTraffic,
                        MergedVariables(stage.Variables, canary.StageVariableOverrides),
                        canary.UseStageCache)
                    : null,
                CacheClusterEnabled = stage.CacheClusterEnabled,
                CacheGeneration = stage.CacheGeneration,
                AccessLogFormat = stage.AccessLog?.Format,
                ApiKeySource = api.ApiKeySource,
            };
        }
    }

    /// <summary>
    /// What the API key stage needs to know about a key value on one API stage: the key (null when no key has
    /// this value) and the usage plan that opens this stage to it (null when none does).
    /// </summary>
    public ApiKeyAccess FindApiKeyAccess(string keyValue, string restApiId, string stageName)
    {
        lock (Sync)
        {
            var key = ApiKeys.Values.FirstOrDefault(k => string.Equals(k.Value, keyValue, StringComparison.Ordinal));
            if (key is null)
            {
                return new ApiKeyAccess(null, false, null);
            }
            var plan = UsagePlans.Values.FirstOrDefault(p => p.KeyIds.Contains(key.Id)
                && p.ApiStages.Any(s => s.ApiId == restApiId && s.Stage == stageName));
            return new ApiKeyAccess(key.Id, key.Enabled, plan?.Copy());
        }
    }

    private static Dictionary<string, string> MergedVariables(Dictionary<string, string> stageVariables, Dictionary<string, string> overrides)
    {
        var merged = new Dictionary<string, string>(stageVariables, StringComparer.Ordinal);
        foreach (var (name, value) in overrides)
        {
            merged[name] = value;
        }
        return merged;
    }

    /// <summary>A local function's definition and its current resource policy document (null when it has none).</summary>
    public (LocalFunctionDefinition Definition, string? PolicyJson)? FindFunction(string functionName, string? qualifier)
    {
        lock (Sync)
        {
            return Functions.TryGetValue(functionName, out var function)
                ? (function.Definition, PolicyStatement.PolicyDocument(function, qualifier))
                : null;
        }
    }
}
