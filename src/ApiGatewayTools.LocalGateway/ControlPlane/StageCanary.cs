using System.Globalization;
using System.Text.Json;
using ApiGatewayTools.LocalGateway.Http;
using ApiGatewayTools.LocalGateway.Json;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway.ControlPlane;

/// <summary>
/// A stage's canary release, as API Gateway serves it: created by CreateStage or CreateDeployment with
/// canarySettings, or by UpdateStage replacing any /canarySettings/... path; tuned by UpdateStage; promoted
/// with the two copy operations AWS documents (/canarySettings/deploymentId to /deploymentId and
/// /canarySettings/stageVariableOverrides to /variables); abandoned by removing /canarySettings.
/// </summary>
internal static class StageCanary
{
    private const string PercentTrafficMessage = "Invalid canarySettings.percentTraffic: {0}. It must be a number from 0.0 to 100.0.";

    /// <summary>CreateStage's canarySettings: the canary's deployment must exist in the API (400 otherwise).</summary>
    public static CanarySettings? ReadForStage(JsonElement body, RestApiRecord api, string stageDeploymentId)
    {
        if (JsonRead.Object(body, "canarySettings") is not { } settings)
        {
            return null;
        }
        var deploymentId = JsonRead.String(settings, "deploymentId") ?? stageDeploymentId;
        EnsureDeploymentExists(api, deploymentId);
        return Read(settings, deploymentId);
    }

    /// <summary>
    /// CreateDeployment's canarySettings: the new deployment becomes the canary of a stage that must already
    /// exist; the stage keeps its own deployment. Checked before anything is created.
    /// </summary>
    public static JsonElement? ReadDeploymentRequest(JsonElement body, RestApiRecord api, string? stageName)
    {
        if (JsonRead.Object(body, "canarySettings") is not { } settings)
        {
            return null;
        }
        if (string.IsNullOrEmpty(stageName))
        {
            throw GatewayError.BadRequest(
                $"Invalid deployment content specified.Non null and non empty stageName must be provided for canary deployment. Provided value is {stageName ?? "null"}");
        }
        if (!api.Stages.ContainsKey(stageName))
        {
            throw GatewayError.BadRequest(
                $"Invalid deployment content specified.Stage {stageName} must already be created before making a canary release deployment");
        }
        ReadPercentTraffic(settings);
        StageRoutes.ValidateVariables(JsonRead.StringMap(settings, "stageVariableOverrides"));
        return settings;
    }

    /// <summary>The canary a deployment request makes: its overrides replace the stage's earlier canary's.</summary>
    public static CanarySettings ForDeployment(JsonElement settings, string deploymentId) => Read(settings, deploymentId);

    private static CanarySettings Read(JsonElement settings, string deploymentId) => new()
    {
        DeploymentId = deploymentId,
        PercentTraffic = ReadPercentTraffic(settings),
        StageVariableOverrides = StageRoutes.ValidateVariables(JsonRead.StringMap(settings, "stageVariableOverrides")) ?? new(StringComparer.Ordinal),
        UseStageCache = JsonRead.Bool(settings, "useStageCache") ?? false,
    };

    private static double ReadPercentTraffic(JsonElement settings)
    {
        if (!settings.TryGetProperty("percentTraffic", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return 0.0;
        }
        if (value.ValueKind != JsonValueKind.Number)
        {
            throw GatewayError.BadRequest("Invalid request input: canarySettings.percentTraffic must be a number.");
        }
        return ValidPercent(value.GetDouble(), value.GetRawText());
    }

    /// <summary>UpdateStage's /canarySettings paths and the promotion copies; false when the path is not the canary's.</summary>
    public static bool TryApply(RestApiRecord api, StageRecord stage, PatchOperation operation)
    {
        if (IsPromotion(operation))
        {
            Promote(stage, operation);
            return true;
        }
        var segments = operation.Segments;
        if (segments[0] != "canarySettings")
        {
            return false;
        }
        if (operation.Op == "remove")
        {
            Remove(stage, operation);
            return true;
        }
        if (operation.Op != "replace" && !(operation.Op == "add" && segments is [_, "stageVariableOverrides", _]))
        {
            throw segments.Count == 1
                ? StageRoutes.InvalidPath(operation)
                : GatewayError.BadRequest($"Invalid {operation.Op} operation with path: {operation.Path}");
        }
        // Setting any part of a canary on a stage that has none starts one on the stage's own deployment.
        var canary = stage.Canary ?? new CanarySettings { DeploymentId = stage.DeploymentId };
        stage.Canary = segments switch
        {
            [_, "percentTraffic"] => canary with { PercentTraffic = ParsePercent(operation.RequiredValue) },
            [_, "deploymentId"] => canary with { DeploymentId = EnsureDeploymentExists(api, operation.RequiredValue) },
            [_, "useStageCache"] => canary with { UseStageCache = operation.BoolValue },
            [_, "stageVariableOverrides", var name] => canary with { StageVariableOverrides = WithOverride(canary, name, operation) },
            _ => throw StageRoutes.InvalidPath(operation),
        };
        return true;
    }

    /// <summary>
    /// A copy to the stage's whole deployment or variables, or to or from the canary; a copy from one stage
    /// variable to another is the variables map's own.
    /// </summary>
    private static bool IsPromotion(PatchOperation operation) =>
        operation.Op == "copy"
        && (operation.Path is "/deploymentId" or "/variables"
            || operation.Path.StartsWith("/canarySettings", StringComparison.Ordinal)
            || operation.From?.StartsWith("/canarySettings", StringComparison.Ordinal) == true);

    private static void Remove(StageRecord stage, PatchOperation operation)
    {
        switch (operation.Segments)
        {
            case [_]:
                stage.Canary = null;
                break;
            case [_, "stageVariableOverrides", var name] when stage.Canary is { } canary && canary.StageVariableOverrides.ContainsKey(name):
                stage.Canary = canary with { StageVariableOverrides = WithOverride(canary, name, operation) };
                break;
            default:
                // AWS's wording for every other canary path it cannot remove, trailing space included.
                throw GatewayError.BadRequest(
                    $"Cannot remove method setting {operation.Path.TrimStart('/')} because there is no method setting for this method ");
        }
    }

    private static Dictionary<string, string> WithOverride(CanarySettings canary, string name, PatchOperation operation)
    {
        var overrides = new Dictionary<string, string>(canary.StageVariableOverrides, StringComparer.Ordinal);
        operation.ApplyToMap(overrides, name);
        StageRoutes.ValidateVariables(overrides);
        return overrides;
    }

    /// <summary>
    /// Promotion: the stage takes the canary's deployment, or merges the canary's variable overrides into its
    /// variables. The canary stays (with its share as set); AWS documents setting it to 0 in the same call.
    /// </summary>
    private static void Promote(StageRecord stage, PatchOperation operation)
    {
        var (path, from) = (operation.Path, operation.From);
        var promotesDeployment = path == "/deploymentId" && from == "/canarySettings/deploymentId";
        var promotesVariables = path == "/variables" && from == "/canarySettings/stageVariableOverrides";
        if (!promotesDeployment && !promotesVariables)
        {
            throw GatewayError.BadRequest(
                $"Invalid copy operation with path: {path} and from {from}. Valid copy:path are [/deploymentId, /variables] and valid copy:from are [/canarySettings/deploymentId, /canarySettings/stageVariableOverrides]");
        }
        var canary = stage.Canary ?? throw GatewayError.BadRequest("Promotion not available. Canary does not exist.");
        if (promotesDeployment)
        {
            stage.DeploymentId = canary.DeploymentId;
            return;
        }
        foreach (var (name, value) in canary.StageVariableOverrides)
        {
            stage.Variables[name] = value;
        }
    }

    private static double ParsePercent(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var percent)
            ? ValidPercent(percent, text)
            : throw GatewayError.BadRequest(string.Format(CultureInfo.InvariantCulture, PercentTrafficMessage, text));

    private static double ValidPercent(double percent, string text) =>
        percent is >= 0.0 and <= 100.0
            ? percent
            : throw GatewayError.BadRequest(string.Format(CultureInfo.InvariantCulture, PercentTrafficMessage, text));

    private static string EnsureDeploymentExists(RestApiRecord api, string deploymentId) =>
        api.Deployments.ContainsKey(deploymentId) ? deploymentId : throw GatewayError.BadRequest("Deployment id does not exist");

    public static void Write(Utf8JsonWriter writer, CanarySettings canary)
    {
        writer.WriteString("deploymentId", canary.DeploymentId);
        writer.WriteNumber("percentTraffic", canary.PercentTraffic);
        writer.OptionalMap("stageVariableOverrides", canary.StageVariableOverrides);
        writer.WriteBoolean("useStageCache", canary.UseStageCache);
    }
}
