namespace ApiGatewayTools.Engine.Domain;

/// <summary>
/// What a command was working on when the service refused it, as far as it knew: whatever is null was not
/// given. <see cref="ServiceErrorContext"/> turns it into names and ids in the error message.
/// </summary>
public sealed record GwErrorSubject
{
    /// <summary>The command the user ran (suggestions are written with it).</summary>
    public string Command { get; init; } = "";
    public string? RestApiId { get; init; }
    public string? ResourceId { get; init; }
    public string? Path { get; init; }
    public string? HttpMethod { get; init; }
    public string? StageName { get; init; }
    public string? DeploymentId { get; init; }
    /// <summary>Whether the command also takes -Name, so a name given as an id can be redirected there.</summary>
    public bool TakesName { get; init; }
}

/// <summary>
/// AWS answers a missing or incomplete object with bare texts ("Invalid Stage identifier specified", "No
/// integration defined for method"). This adds what the command knew and what it can read cheaply — the API's
/// name and id, the path, the verb, the stage, which methods lack an integration — and what to do. The error
/// code, its kind and AWS's own text stay, so scripts that catch by id keep working. Only called after a
/// failure, so the extra reads cost nothing on the way that works.
/// </summary>
public static class ServiceErrorContext
{
    private const string AddIntegration = "Set-GwMockIntegration, Set-GwHttpIntegration or Set-GwLambdaIntegration";

    public static async Task<GwServiceException> ExplainAsync(ApiGatewayClient client, GwServiceException error, GwErrorSubject subject, CancellationToken ct)
    {
        if (subject.RestApiId is not { Length: > 0 } apiId)
        {
            return error;
        }

        var awsText = error.Message;
        var context = awsText switch
        {
            _ when awsText.StartsWith("Invalid API identifier specified", StringComparison.Ordinal) =>
                await UnknownApiAsync(client, apiId, subject, ct).ConfigureAwait(false),
            "Invalid Stage identifier specified" when subject.StageName is { } stage =>
                await UnknownStageAsync(client, apiId, stage, ct).ConfigureAwait(false),
            "Invalid Deployment identifier specified" when subject.DeploymentId is { } deploymentId =>
                $"{await DescribeApiAsync(client, apiId, ct).ConfigureAwait(false)} has no deployment '{deploymentId}'. " +
                $"List its deployments with Get-GwDeployment -RestApiId {apiId}.",
            "Invalid Resource identifier specified" when subject.ResourceId is { } resourceId =>
                $"{await DescribeApiAsync(client, apiId, ct).ConfigureAwait(false)} has no resource with id '{resourceId}'. " +
                $"List its resources with Get-GwResource -RestApiId {apiId}, or address the resource by -Path.",
            "Invalid Method identifier specified" when subject.HttpMethod is { } verb =>
                await UnknownMethodAsync(client, apiId, subject, verb, ct).ConfigureAwait(false),
            "Invalid Integration identifier specified" when subject.HttpMethod is { } verb =>
                $"{verb} {await PathOfAsync(client, apiId, subject, ct).ConfigureAwait(false)} in " +
                $"{await DescribeApiAsync(client, apiId, ct).ConfigureAwait(false)} has no integration. Add one with {AddIntegration}.",
            "Invalid Response status code specified" when subject.HttpMethod is { } verb =>
                $"{verb} {await PathOfAsync(client, apiId, subject, ct).ConfigureAwait(false)} in " +
                $"{await DescribeApiAsync(client, apiId, ct).ConfigureAwait(false)} has no response with this status code. " +
                "List them with Get-GwMethodResponse or Get-GwIntegrationResponse; add one with Add-GwMethodResponse or Add-GwIntegrationResponse.",
            "No integration defined for method" =>
                await MethodsWithoutIntegrationAsync(client, apiId, ct).ConfigureAwait(false),
            _ => null,
        };
        return context is null ? error : error.WithMessage($"{context} (API Gateway: {awsText})");
    }

    /// <summary>"REST API 'PetStore' (a1b2c3d4e5)", or just the id when the API cannot be read.</summary>
    public static async Task<string> DescribeApiAsync(ApiGatewayClient client, string restApiId, CancellationToken ct)
    {
        var api = await TryAsync(() => client.GetRestApiAsync(restApiId, ct)).ConfigureAwait(false);
        return api is null ? $"REST API {restApiId}" : $"REST API '{api.Name}' ({restApiId})";
    }

    /// <summary>The id names no API; when it is some API's name the user meant that one, so say how to address it.</summary>
    private static async Task<string?> UnknownApiAsync(ApiGatewayClient client, string apiId, GwErrorSubject subject, CancellationToken ct)
    {
        var named = await TryAsync(() => RestApiWorkflow.FindByNameAsync(client, apiId, ct)).ConfigureAwait(false) ?? [];
        if (named.Count == 0)
        {
            return $"No REST API has the id '{apiId}' in {client.Connection}. List the APIs and their ids with Get-GwRestApi.";
        }

        var ids = string.Join(", ", named.Select(a => a.RestApiId));
        var byName = subject.TakesName ? $"{subject.Command} -Name '{apiId}', or " : "";
        var which = named.Count == 1 ? $"REST API '{apiId}' has the id {ids}" : $"{named.Count} REST APIs are named '{apiId}' (ids {ids})";
        return $"'{apiId}' is a name, not an id: {which}. Use {byName}{subject.Command} -RestApiId {named[0].RestApiId}, " +
            $"or pipe it in: Get-GwRestApi -Name '{apiId}' | {subject.Command}.";
    }

    private static async Task<string> UnknownStageAsync(ApiGatewayClient client, string apiId, string stage, CancellationToken ct)
    {
        var api = await DescribeApiAsync(client, apiId, ct).ConfigureAwait(false);
        var stages = await TryAsync(() => client.GetStagesAsync(apiId, null, ct)).ConfigureAwait(false);
        var existing = stages is null ? "" : stages.Count == 0
            ? " (it has no stages yet)"
            : $" (its stages: {string.Join(", ", stages.Select(s => s.StageName).Order(StringComparer.Ordinal))})";
        return $"{api} has no stage '{stage}'{existing}. Create it with Publish-GwDeployment -RestApiId {apiId} -StageName {stage}.";
    }

    private static async Task<string> UnknownMethodAsync(ApiGatewayClient client, string apiId, GwErrorSubject subject, string verb, CancellationToken ct)
    {
        var api = await DescribeApiAsync(client, apiId, ct).ConfigureAwait(false);
        var resource = await ResourceOfAsync(client, apiId, subject, ct).ConfigureAwait(false);
        var path = resource?.Path ?? subject.Path ?? subject.ResourceId;
        var methods = resource is null ? "" : resource.HttpMethods.Count == 0
            ? " (it has no methods yet)"
            : $" (its methods: {string.Join(", ", resource.HttpMethods)})";
        var any = resource?.HttpMethods.Contains("ANY") == true ? " Its ANY method answers every verb: address it with -HttpMethod ANY." : "";
        return $"{path} in {api} has no {verb} method{methods}. Add it with Add-GwMethod -HttpMethod {verb}.{any}";
    }

    /// <summary>CreateDeployment refuses an API with any method lacking an integration without saying which: list them all.</summary>
    private static async Task<string> MethodsWithoutIntegrationAsync(ApiGatewayClient client, string apiId, CancellationToken ct)
    {
        var api = await DescribeApiAsync(client, apiId, ct).ConfigureAwait(false);
        var tree = await TryAsync(() => ResourceTree.LoadAsync(client, apiId, ct)).ConfigureAwait(false);
        var missing = tree?.Resources
            .SelectMany(r => r.ResourceMethods.Values.Where(m => m.Integration is null).Select(m => $"{m.HttpMethod} {r.Path}"))
            .ToList() ?? [];
        var which = missing.Count switch
        {
            0 => "a method has no integration",
            1 => $"{missing[0]} has no integration",
            _ => $"these methods have no integration: {string.Join(", ", missing)}",
        };
        return $"{api} cannot be deployed: {which}. Add one with {AddIntegration} (or remove the method with Remove-GwMethod), then publish again.";
    }

    private static async Task<string> PathOfAsync(ApiGatewayClient client, string apiId, GwErrorSubject subject, CancellationToken ct) =>
        subject.Path ?? (await ResourceOfAsync(client, apiId, subject, ct).ConfigureAwait(false))?.Path ?? $"resource {subject.ResourceId}";

    private static async Task<RestApiResource?> ResourceOfAsync(ApiGatewayClient client, string apiId, GwErrorSubject subject, CancellationToken ct)
    {
        if (subject.ResourceId is { } id)
        {
            return await TryAsync(() => client.GetResourceAsync(apiId, id, ct)).ConfigureAwait(false);
        }

        if (subject.Path is { } path)
        {
            var tree = await TryAsync(() => ResourceTree.LoadAsync(client, apiId, ct)).ConfigureAwait(false);
            return tree?.Find(ResourcePath.Parse(path));
        }

        return null;
    }

    /// <summary>The reads here only decorate an error: when one fails too, the message goes without that detail.</summary>
    private static async Task<T?> TryAsync<T>(Func<Task<T>> read) where T : class
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (GwException)
        {
            return null;
        }
    }
}
