using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace ApiGatewayTools.Common;

/// <summary>
/// What the building cmdlets (Add-GwResource, Add-GwMethod, Set-Gw*Integration) read and share, so that a script
/// that builds many routes, one pipeline per route, lists each API once (its resource tree) and reads each Lambda
/// function and its policy once, instead of re-reading per command. It lives for one command line or script run of
/// one runspace (its history id): the next line typed reads again. Every change the sharing cmdlets make is written
/// into it; any other change made in this process (another cmdlet, a failed or unanswered write) drops what it
/// touched, and starting or stopping the local gateway drops everything.
/// </summary>
internal static class SharedReads
{
    private static readonly ConditionalWeakTable<Runspace, Scope> Scopes = new();
    private static int _generation;

    /// <summary>The reads of the runspace's current command line; a new line (or a restarted local gateway) starts empty.</summary>
    public static Scope For(Runspace runspace, long historyId)
    {
        var scope = Scopes.GetValue(runspace, _ => new Scope());
        var generation = Volatile.Read(ref _generation);
        if (scope.HistoryId != historyId || scope.Generation != generation)
        {
            scope.Trees.Clear();
            scope.Lambda.Clear();
            scope.HistoryId = historyId;
            scope.Generation = generation;
        }
        return scope;
    }

    public static (string Endpoint, string RestApiId) TreeKey(GwConnection connection, string restApiId) =>
        ($"{connection.Region} {connection.ApiGatewayEndpoint}", restApiId);

    /// <summary>Drops the runspace's trees of one API, wherever it is served from: something changed it behind them.</summary>
    public static void ForgetApi(Runspace runspace, string restApiId)
    {
        if (Scopes.TryGetValue(runspace, out var scope))
        {
            foreach (var key in scope.Trees.Keys.Where(k => k.RestApiId == restApiId).ToList())
            {
                scope.Trees.Remove(key);
            }
        }
    }

    /// <summary>Drops what the runspace read of Lambda functions: something changed one behind it.</summary>
    public static void ForgetFunctions(Runspace runspace)
    {
        if (Scopes.TryGetValue(runspace, out var scope))
        {
            scope.Lambda.Clear();
        }
    }

    /// <summary>Every runspace's reads describe a gateway that is gone (the local gateway started or stopped).</summary>
    public static void ForgetAll() => Interlocked.Increment(ref _generation);

    public sealed class Scope
    {
        public long HistoryId { get; set; } = -1;
        public int Generation { get; set; } = -1;
        public Dictionary<(string Endpoint, string RestApiId), ResourceTree> Trees { get; } = new();
        /// <summary>Lambda reads per Lambda endpoint (region and endpoint override).</summary>
        public Dictionary<string, LambdaLookups> Lambda { get; } = new();

        public LambdaLookups LambdaFor(GwConnection connection)
        {
            var key = $"{connection.Region} {connection.LambdaEndpoint}";
            if (!Lambda.TryGetValue(key, out var lookups))
            {
                lookups = new LambdaLookups();
                Lambda[key] = lookups;
            }
            return lookups;
        }
    }
}
