using ApiGatewayTools.LocalGateway;

namespace ApiGatewayTools.Common;

/// <summary>
/// The local gateway started in this process, if any. While it runs it is the default endpoint (with its
/// throw-away credentials and fixed region) for every cmdlet that is not told otherwise.
/// </summary>
internal static class LocalGatewaySession
{
    private static readonly object Gate = new();
    private static LocalGatewayServer? _server;
    private static ScriptBlockFunctionHost? _functionHost;
    private static (string AccessKey, string SecretKey)? _strictKeys;

    public static LocalGatewayServer? Current
    {
        get
        {
            lock (Gate)
            {
                return _server;
            }
        }
    }

    public static ScriptBlockFunctionHost FunctionHost
    {
        get
        {
            lock (Gate)
            {
                return _functionHost ??= new ScriptBlockFunctionHost();
            }
        }
    }

    /// <summary>Makes <paramref name="server"/> the session default; with strict keys, the module signs with those.</summary>
    public static void Set(LocalGatewayServer server, (string AccessKey, string SecretKey)? strictKeys)
    {
        lock (Gate)
        {
            _server = server;
            _strictKeys = strictKeys;
        }
        SharedReads.ForgetAll();
    }

    /// <summary>Stops the running gateway, if any, and its function runspaces.</summary>
    public static void StopCurrent()
    {
        LocalGatewayServer? server;
        ScriptBlockFunctionHost? host;
        lock (Gate)
        {
            (server, host) = (_server, _functionHost);
            (_server, _functionHost, _strictKeys) = (null, null, null);
        }
        SharedReads.ForgetAll();
        try
        {
            server?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        finally
        {
            host?.Dispose();
        }
    }

    /// <summary>Fills in what the user left open with the local gateway's endpoint, credentials and region.</summary>
    public static GwConnectionOptions ApplyDefaults(GwConnectionOptions options)
    {
        LocalGatewayServer? server;
        (string AccessKey, string SecretKey)? strictKeys;
        lock (Gate)
        {
            (server, strictKeys) = (_server, _strictKeys);
        }

        var userChoseTarget = options.ProfileName is not null || options.EndpointUrl is not null || options.AccessKey is not null;
        if (server is null || userChoseTarget)
        {
            return options;
        }

        return options with
        {
            EndpointUrl = server.EndpointUrl.ToString().TrimEnd('/'),
            AccessKey = strictKeys?.AccessKey ?? LocalGatewayServer.DefaultAccessKey,
            SecretKey = strictKeys?.SecretKey ?? LocalGatewayServer.DefaultSecretKey,
            Region = options.Region ?? LocalGatewayServer.Region,
            EndpointEnforcesQuotas = server.EmulatesQuotas,
        };
    }
}
