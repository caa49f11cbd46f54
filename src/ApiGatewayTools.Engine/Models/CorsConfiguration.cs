namespace ApiGatewayTools.Engine.Models;

/// <summary>What Enable-GwCors left in place: the resources that answer browsers, the origins they allow, and how many requests it took.</summary>
public sealed record CorsConfiguration : GwObject
{
    public string RestApiId { get; init; } = "";
    public IReadOnlyList<string> Paths { get; init; } = [];
    public IReadOnlyList<string> AllowOrigin { get; init; } = [];
    /// <summary>0 when everything was already in place.</summary>
    public int RequestsSent { get; init; }

    public override string ToString() => $"CORS for {string.Join(", ", AllowOrigin)} on {Paths.Count} resource(s) of {RestApiId}";
}
