using System.Text.Json.Nodes;
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

    /// <summary>
    /// Permissions loaded from a state file for functions not registered (yet) in this process: a function's
    /// code is not kept across restarts, its permissions are, and they return when it is registered again.
    /// </summary>
    private readonly Dictionary<string, Dictionary<string, List<JsonObject>>> _permissionsAwaitingFunctions = new(StringComparer.Ordinal);

    public object Sync { get; } = new();

    public Store<RestApiRecord> RestApis { get; } = new(api => api.Id,
        id => GatewayError.NotFound($"Invalid API identifier specified {LocalGatewayServer.AccountId}:{id}"));

    public Store<LocalFunctionRecord> Functions { get; } = new(function => function.Name,
        name => GatewayError.LambdaNotFound($"Function not found: {LocalFunctionRecord.FunctionArn(name)}"));

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
            var kept = Functions.TryGetValue(definition.FunctionName, out var existing)
                ? existing.PolicyStatements
                : _permissionsAwaitingFunctions.GetValueOrDefault(definition.FunctionName);
            foreach (var (qualifier, statements) in kept ?? [])
            {
                function.PolicyStatements[qualifier] = statements;
            }
            _permissionsAwaitingFunctions.Remove(definition.FunctionName);
            Functions.Replace(function);
            Changed();
            return function.ToInfo();
        }
    }

    /// <summary>Every function's permissions, registered or still awaiting registration; call under <see cref="Sync"/>.</summary>
    public Dictionary<string, Dictionary<string, List<JsonObject>>> FunctionPermissionsToKeep()
    {
        var permissions = new Dictionary<string, Dictionary<string, List<JsonObject>>>(_permissionsAwaitingFunctions, StringComparer.Ordinal);
        foreach (var function in Functions.Values.Where(function => function.PolicyStatements.Count > 0))
        {
            permissions[function.Name] = function.PolicyStatements;
        }
        return permissions;
    }

    /// <summary>Permissions read from a state file, held until their functions are registered; call under <see cref="Sync"/>.</summary>
    public void KeepFunctionPermissions(Dictionary<string, Dictionary<string, List<JsonObject>>> permissions)
    {
        foreach (var (name, statements) in permissions)
        {
            _permissionsAwaitingFunctions[name] = statements;
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
            };
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
