using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace ApiGatewayTools.Common;

/// <summary>
/// The resource trees the building cmdlets (Add-GwResource, Add-GwMethod, Set-Gw*Integration) share, so that a
/// script that builds many routes, one pipeline per route, lists each API once instead of re-reading a resource per
/// command. They live for one command line or script run of one runspace (its history id): the next line typed
/// reads the API again. Every change the sharing cmdlets make is written into the tree; any other change to an API
/// made in this process (another cmdlet, a failed or unanswered write) drops that API's tree, and starting or
/// stopping the local gateway drops them all.
/// </summary>
internal static class SharedResourceTrees
{
    private static readonly ConditionalWeakTable<Runspace, Scope> Scopes = new();
    private static int _generation;

    /// <summary>The trees of the runspace's current command line; a new line (or a restarted local gateway) starts empty.</summary>
    public static Dictionary<(string Endpoint, string RestApiId), ResourceTree> For(Runspace runspace, long historyId)
    {
        var scope = Scopes.GetValue(runspace, _ => new Scope());
        var generation = Volatile.Read(ref _generation);
        if (scope.HistoryId != historyId || scope.Generation != generation)
        {
            scope.Trees.Clear();
            scope.HistoryId = historyId;
            scope.Generation = generation;
        }
        return scope.Trees;
    }

    public static (string Endpoint, string RestApiId) Key(GwConnection connection, string restApiId) =>
        ($"{connection.Region} {connection.ApiGatewayEndpoint}", restApiId);

    /// <summary>Drops the runspace's trees of one API, wherever it is served from: something changed it behind them.</summary>
    public static void Forget(Runspace runspace, string restApiId)
    {
        if (Scopes.TryGetValue(runspace, out var scope))
        {
            foreach (var key in scope.Trees.Keys.Where(k => k.RestApiId == restApiId).ToList())
            {
                scope.Trees.Remove(key);
            }
        }
    }

    /// <summary>Every runspace's trees describe a gateway that is gone (the local gateway started or stopped).</summary>
    public static void ForgetAll() => Interlocked.Increment(ref _generation);

    private sealed class Scope
    {
        public long HistoryId { get; set; } = -1;
        public int Generation { get; set; } = -1;
        public Dictionary<(string Endpoint, string RestApiId), ResourceTree> Trees { get; } = new();
    }
}
