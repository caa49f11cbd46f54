using System.Collections.Concurrent;
using System.Management.Automation.Language;

namespace ApiGatewayTools.Common;

/// <summary>Completes -HttpMethod with the verbs API Gateway accepts.</summary>
public sealed class HttpMethodCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        ServiceCompleter.Filter(HttpVerb.MethodVerbs.Select(v => (v, v)), wordToComplete);
}

/// <summary>Completes a documentation -Location with AWS's entity types.</summary>
public sealed class DocumentationLocationCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        ServiceCompleter.Filter(DocumentationLocation.Types.Select(t => (t, t)), wordToComplete);
}

/// <summary>Completes -CacheClusterSize with the sizes API Gateway offers.</summary>
public sealed class CacheClusterSizeCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        ServiceCompleter.Filter(StagePatch.CacheClusterSizes.Select(size => (size, size + " GB")), wordToComplete);
}

/// <summary>
/// Base of the completers that ask the service: they use the connection the command line names
/// (-ProfileName, -Region, -EndpointUrl, or the local gateway), cache each answer briefly so that repeated
/// Tab presses cost one call, give up quickly, and stay silent on any failure.
/// </summary>
public abstract class ServiceCompleter : IArgumentCompleter
{
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(3);
    private static readonly ConcurrentDictionary<string, (DateTime At, IReadOnlyList<(string Value, string Tooltip)> Items)> Cache = new();

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            var connection = GwConnectionResolver.Resolve(LocalGatewaySession.ApplyDefaults(new GwConnectionOptions
            {
                ProfileName = fakeBoundParameters["ProfileName"] as string,
                Region = fakeBoundParameters["Region"] as string,
                EndpointUrl = fakeBoundParameters["EndpointUrl"] as string,
            }));
            var restApiId = fakeBoundParameters["RestApiId"] as string;
            var key = $"{GetType().Name}|{connection}|{connection.ProfileName}|{restApiId}";
            if (!Cache.TryGetValue(key, out var cached) || DateTime.UtcNow - cached.At > CacheLifetime)
            {
                using var cts = new CancellationTokenSource(Patience);
                var items = Task.Run(() => FetchAsync(connection, restApiId, cts.Token), cts.Token).GetAwaiter().GetResult();
                cached = (DateTime.UtcNow, items);
                Cache[key] = cached;
            }
            return Filter(cached.Items, wordToComplete);
        }
        catch (Exception)
        {
            return []; // Tab completion never interrupts the user.
        }
    }

    protected abstract Task<IReadOnlyList<(string Value, string Tooltip)>> FetchAsync(GwConnection connection, string? restApiId, CancellationToken ct);

    internal static IEnumerable<CompletionResult> Filter(IEnumerable<(string Value, string Tooltip)> items, string wordToComplete)
    {
        var typed = wordToComplete.Trim('\'', '"');
        return items
            .Where(i => i.Value.StartsWith(typed, StringComparison.OrdinalIgnoreCase) || i.Tooltip.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .Select(i => new CompletionResult(Quote(i.Value), i.Value, CompletionResultType.ParameterValue, i.Tooltip));
    }

    private static string Quote(string value) =>
        value.IndexOfAny([' ', '{', '}', '$', '\'', '(', ')', ';', ',', '@', '#']) >= 0 ? $"'{value.Replace("'", "''")}'" : value;
}

/// <summary>-RestApiId: the ids, shown and matched by API name.</summary>
public sealed class RestApiIdCompleter : ServiceCompleter
{
    protected override async Task<IReadOnlyList<(string, string)>> FetchAsync(GwConnection connection, string? restApiId, CancellationToken ct) =>
        (await new ApiGatewayClient(connection).GetRestApisAsync(ct).ToListAsync(ct).ConfigureAwait(false))
            .OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase)
            .Select(a => (a.RestApiId, $"{a.Name} ({a.RestApiId})")).ToList();
}

/// <summary>-Path: the resource paths of the API named by -RestApiId.</summary>
public sealed class ResourcePathCompleter : ServiceCompleter
{
    protected override async Task<IReadOnlyList<(string, string)>> FetchAsync(GwConnection connection, string? restApiId, CancellationToken ct)
    {
        if (restApiId is null)
        {
            return [];
        }

        var tree = await ResourceTree.LoadAsync(new ApiGatewayClient(connection), restApiId, ct).ConfigureAwait(false);
        return tree.Resources.Select(r => (r.Path, $"{r.Path} {string.Join(",", r.HttpMethods)}".Trim())).ToList();
    }
}

/// <summary>-MethodPath: the methods of the API named by -RestApiId, as 'GET /pets/{petId}'.</summary>
public sealed class MethodPathCompleter : ServiceCompleter
{
    protected override async Task<IReadOnlyList<(string, string)>> FetchAsync(GwConnection connection, string? restApiId, CancellationToken ct)
    {
        if (restApiId is null)
        {
            return [];
        }

        var tree = await ResourceTree.LoadAsync(new ApiGatewayClient(connection), restApiId, ct).ConfigureAwait(false);
        return tree.Resources.SelectMany(r => r.HttpMethods.Select(verb => ($"{verb} {r.Path}", $"{verb} {r.Path}"))).ToList();
    }
}

/// <summary>-StageName: the stages of the API named by -RestApiId.</summary>
public sealed class StageNameCompleter : ServiceCompleter
{
    protected override async Task<IReadOnlyList<(string, string)>> FetchAsync(GwConnection connection, string? restApiId, CancellationToken ct) =>
        restApiId is null ? [] :
        (await new ApiGatewayClient(connection).GetStagesAsync(restApiId, null, ct).ConfigureAwait(false))
            .Select(s => (s.StageName, $"{s.StageName} -> {s.DeploymentId}")).ToList();
}

/// <summary>-DeploymentId: the deployments of the API named by -RestApiId, newest first.</summary>
public sealed class DeploymentIdCompleter : ServiceCompleter
{
    protected override async Task<IReadOnlyList<(string, string)>> FetchAsync(GwConnection connection, string? restApiId, CancellationToken ct) =>
        restApiId is null ? [] :
        (await new ApiGatewayClient(connection).GetDeploymentsAsync(restApiId, ct).ToListAsync(ct).ConfigureAwait(false))
            .OrderByDescending(d => d.CreatedDate)
            .Select(d => (d.DeploymentId, $"{d.DeploymentId} {d.CreatedDate:yyyy-MM-dd HH:mm} {d.Description}".Trim())).ToList();
}

/// <summary>-FunctionName: the account's Lambda functions in the connection's region.</summary>
public sealed class FunctionNameCompleter : ServiceCompleter
{
    protected override async Task<IReadOnlyList<(string, string)>> FetchAsync(GwConnection connection, string? restApiId, CancellationToken ct) =>
        (await new LambdaClient(connection).ListFunctionsAsync(ct).ToListAsync(ct).ConfigureAwait(false))
            .OrderBy(f => f.FunctionName, StringComparer.OrdinalIgnoreCase)
            .Select(f => (f.FunctionName, $"{f.FunctionName} ({f.Runtime})")).ToList();
}

/// <summary>Completes -ResponseType with API Gateway's 21 gateway response types.</summary>
public sealed class GatewayResponseTypeCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        ServiceCompleter.Filter(GatewayResponseTypes.All.Select(type => (type, type)), wordToComplete);
}
