namespace ApiGatewayTools.LocalGateway;

public sealed record LocalGatewayOptions
{
    /// <summary>0 picks a free loopback port.</summary>
    public int Port { get; init; }
    /// <summary>When set, only requests signed with this access key and its secret are accepted.</summary>
    public string? StrictAccessKey { get; init; }
    public string? StrictSecretKey { get; init; }
    /// <summary>When set, one JSON line per request is appended to this file (no headers, bodies or credentials).</summary>
    public string? LogPath { get; init; }
}
