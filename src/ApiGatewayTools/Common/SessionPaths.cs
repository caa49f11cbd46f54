namespace ApiGatewayTools.Common;

/// <summary>File paths as the user typed them, resolved through the session's current location (a PowerShell drive, not the process's directory).</summary>
internal static class SessionPaths
{
    public const string InvalidPathErrorId = "InvalidFilePath";

    /// <summary>The file system path, or a terminating input error naming the parameter when the text is no path at all.</summary>
    public static string Resolve(SessionState session, string path, string parameterName)
    {
        try
        {
            return session.Path.GetUnresolvedProviderPathFromPSPath(path);
        }
        catch (Exception e) when (e is SessionStateException or ArgumentException or NotSupportedException or IOException or ProviderInvocationException)
        {
            throw new GwValidationException(InvalidPathErrorId, parameterName, $"-{parameterName} '{path}' is not a file path ({e.Message}); give a path such as ./api.yaml.");
        }
    }

    /// <summary>Runs a read or write of the file, turning what the file system refuses into an input error that names the file.</summary>
    public static T Access<T>(string file, string parameterName, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new GwValidationException(InvalidPathErrorId, parameterName, $"{file} cannot be used: {e.Message}");
        }
    }
}
