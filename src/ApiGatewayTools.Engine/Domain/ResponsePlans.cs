namespace ApiGatewayTools.Engine.Domain;

/// <summary>A plan and, in words, what it changes on an object that exists (empty when it creates it or changes nothing).</summary>
public sealed record ConvergingPlan<T>(GwPlan<T> Plan, IReadOnlyList<string> Changes);

/// <summary>
/// Re-running a script converges on a method response: put when the status code has none, patched where the
/// settings asked for differ, nothing sent when they are already there. Settings not named are left as they are.
/// </summary>
public static class MethodResponsePlan
{
    public static PutMethodResponseRequest Validated(PutMethodResponseRequest request)
    {
        ResponseRules.StatusCode(request.StatusCode);
        ResponseRules.ValidateResponseParameterNames(request.ResponseParameters?.Keys ?? [], "ResponseParameter");
        return request;
    }

    public static ConvergingPlan<MethodResponse> For(PutMethodResponseRequest request, Method method)
    {
        Validated(request);
        var plan = new GwPlan<MethodResponse>();
        if (!method.MethodResponses.TryGetValue(request.StatusCode, out var current))
        {
            plan.Returns(plan.Add(ApiGatewayOperations.PutMethodResponse(request)));
            return new(plan, []);
        }

        var patch = Changes(request, current);
        return new(PatchPlan.Updates(patch,
            batch => ApiGatewayOperations.UpdateMethodResponse(request.RestApiId, request.ResourceId, request.HttpMethod, request.StatusCode, batch), current),
            patch.Select(Describe).ToList());
    }

    /// <summary>The patch that brings <paramref name="current"/> to the parameters and models asked for.</summary>
    public static IReadOnlyList<PatchOperation> Changes(PutMethodResponseRequest request, MethodResponse current)
    {
        var patch = new List<PatchOperation>();
        foreach (var (name, required) in request.ResponseParameters ?? new Dictionary<string, bool>())
        {
            patch.AddRange(MapEntry("responseParameters", current.ResponseParameters.TryGetValue(name, out var had) ? PatchPlan.Flag(had) : null, name, PatchPlan.Flag(required)!));
        }
        foreach (var (contentType, model) in request.ResponseModels ?? new Dictionary<string, string>())
        {
            patch.AddRange(MapEntry("responseModels", current.ResponseModels.GetValueOrDefault(contentType), contentType, model));
        }
        return patch;
    }

    /// <summary>Nothing when the map already holds the value; otherwise an add (new key) or a replace.</summary>
    internal static IEnumerable<PatchOperation> MapEntry(string map, string? current, string key, string value)
    {
        if (current == value)
        {
            yield break;
        }
        yield return new(current is null ? "add" : "replace", $"/{map}/{PatchPath.Escape(key)}", value);
    }

    /// <summary>A patch operation as the user reads it: "responseParameters/method.response.header.X: add true".</summary>
    internal static string Describe(PatchOperation operation) =>
        $"{operation.Path.TrimStart('/').Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)}: {operation.Op}" +
        (operation.Value is null ? "" : $" '{operation.Value}'");
}

/// <summary>
/// Re-running a script converges on an integration response as on a method response (<see cref="MethodResponsePlan"/>),
/// after checking what API Gateway would refuse or silently get wrong: a status code without a method response,
/// a header the method response does not declare, a second default response.
/// </summary>
public static class IntegrationResponsePlan
{
    public static PutIntegrationResponseRequest Validated(PutIntegrationResponseRequest request)
    {
        ResponseRules.StatusCode(request.StatusCode);
        ResponseRules.ValidateSelectionPattern(request.SelectionPattern);
        ResponseRules.ValidateMappingExpressions(request.ResponseParameters ?? new Dictionary<string, string>(), "ResponseParameter");
        return request;
    }

    public static ConvergingPlan<IntegrationResponse> For(PutIntegrationResponseRequest request, Method method, string path)
    {
        Validated(request);
        var target = $"{method.HttpMethod} {path}";
        var integration = method.Integration ?? throw new GwValidationException(ResponseRules.IntegrationMissingErrorId, "HttpMethod",
            $"{target} has no integration yet: set one first (Set-GwHttpIntegration, Set-GwLambdaIntegration -NonProxy or Set-GwMockIntegration), then add its responses.");
        CheckAgainst(request, method, integration, path);

        var plan = new GwPlan<IntegrationResponse>();
        if (!integration.IntegrationResponses.TryGetValue(request.StatusCode, out var current))
        {
            plan.Returns(plan.Add(ApiGatewayOperations.PutIntegrationResponse(request)));
            return new(plan, []);
        }

        var patch = Changes(request, current);
        return new(PatchPlan.Updates(patch,
            batch => ApiGatewayOperations.UpdateIntegrationResponse(request.RestApiId, request.ResourceId, request.HttpMethod, request.StatusCode, batch), current),
            patch.Select(MethodResponsePlan.Describe).ToList());
    }

    /// <summary>
    /// The method answers only the status codes it declares, and only the headers its method response declares;
    /// a second response without a pattern would leave which one is the default to chance.
    /// </summary>
    public static void CheckAgainst(PutIntegrationResponseRequest request, Method method, Integration integration, string path)
    {
        var target = $"{method.HttpMethod} {path}";
        if (!method.MethodResponses.TryGetValue(request.StatusCode, out var methodResponse))
        {
            throw new GwValidationException(ResponseRules.MethodResponseMissingErrorId, "StatusCode",
                $"{target} has no method response {request.StatusCode}, so API Gateway cannot answer with it: add it first " +
                $"(Add-GwMethodResponse -RestApiId {request.RestApiId} -Path '{path}' -HttpMethod {method.HttpMethod} -StatusCode {request.StatusCode}).");
        }
        foreach (var header in request.ResponseParameters?.Keys ?? [])
        {
            if (!methodResponse.ResponseParameters.ContainsKey(header))
            {
                throw new GwValidationException(ResponseRules.InvalidResponseParameterErrorId, "ResponseParameter",
                    $"Method response {request.StatusCode} of {target} does not declare '{header}', so it cannot be mapped: declare it first " +
                    $"(Add-GwMethodResponse ... -StatusCode {request.StatusCode} -ResponseParameter @{{ '{header}' = $false }}).");
            }
        }
        if (string.IsNullOrEmpty(request.SelectionPattern)
            && integration.IntegrationResponses.Values.FirstOrDefault(r => r.StatusCode != request.StatusCode && string.IsNullOrEmpty(r.SelectionPattern)) is { } other)
        {
            throw new GwValidationException(ResponseRules.DuplicateDefaultResponseErrorId, "SelectionPattern",
                $"{target} already has a default integration response ({other.StatusCode}, no selection pattern), and only one can be the default: " +
                $"give this one a -SelectionPattern (e.g. '4\\d{{2}}'), or remove {other.StatusCode} first (Remove-GwIntegrationResponse -StatusCode {other.StatusCode}).");
        }
    }

    public static IReadOnlyList<PatchOperation> Changes(PutIntegrationResponseRequest request, IntegrationResponse current)
    {
        var patch = new List<PatchOperation>();
        if (NullIfEmpty(request.SelectionPattern) != NullIfEmpty(current.SelectionPattern))
        {
            patch.Add(request.SelectionPattern is { Length: > 0 } pattern ? new("replace", "/selectionPattern", pattern) : new("remove", "/selectionPattern"));
        }
        if (request.ContentHandling is not null && request.ContentHandling != current.ContentHandling)
        {
            patch.Add(new("replace", "/contentHandling", request.ContentHandling));
        }
        foreach (var (name, expression) in request.ResponseParameters ?? new Dictionary<string, string>())
        {
            patch.AddRange(MethodResponsePlan.MapEntry("responseParameters", current.ResponseParameters.GetValueOrDefault(name), name, expression));
        }
        foreach (var (contentType, template) in request.ResponseTemplates ?? new Dictionary<string, string>())
        {
            patch.AddRange(MethodResponsePlan.MapEntry("responseTemplates", current.ResponseTemplates.GetValueOrDefault(contentType), contentType, template));
        }
        return patch;
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
