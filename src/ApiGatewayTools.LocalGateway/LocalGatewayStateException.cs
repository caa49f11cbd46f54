namespace ApiGatewayTools.LocalGateway;

/// <summary>A state file (-StatePath) that cannot be used: not a readable state file, or a place that cannot be written.</summary>
public sealed class LocalGatewayStateException : Exception
{
    public LocalGatewayStateException(string path, string problem, Exception? inner = null)
        : base($"The local gateway state file '{path}' cannot be used: {problem}.", inner)
    {
        Path = path;
    }

    public string Path { get; }

    /// <summary>True when the file exists but is not a state file this version can read (it is left untouched).</summary>
    public bool IsUnreadable => InnerException is null or System.Text.Json.JsonException;
}
