namespace ApiGatewayTools.Engine.Domain;

/// <summary>
/// What only a non-proxy integration (HTTP, AWS) takes: request templates, the passthrough behaviour for bodies
/// without one, and the standard error responses (<see cref="IntegrationPlan.For"/>).
/// </summary>
public sealed record IntegrationOptions(IReadOnlyDictionary<string, string>? RequestTemplates, string? PassthroughBehavior, bool ErrorResponses)
{
    public const string WhenNoMatch = "WHEN_NO_MATCH";
    public const string WhenNoTemplates = "WHEN_NO_TEMPLATES";
    public const string Never = "NEVER";
    public const string ProxyOptionErrorId = "NonProxyOptionOnProxy";

    /// <summary>A proxy integration passes request and response through untouched, so these options would be silently ignored: refuse them.</summary>
    /// <param name="proxySwitch">The switch that chooses between the two, as the user reads it ("-Proxy" given, "-NonProxy" missing).</param>
    public static void RequireNonProxy(bool proxy, string proxySwitch, IReadOnlyDictionary<string, string>? requestTemplates, string? passthroughBehavior, bool errorResponses)
    {
        if (!proxy)
        {
            return;
        }
        var given = new[]
        {
            requestTemplates is null ? null : "-RequestTemplate",
            passthroughBehavior is null ? null : "-PassthroughBehavior",
            errorResponses ? "-ErrorResponse" : null,
        }.OfType<string>().ToList();
        if (given.Count > 0)
        {
            var fix = proxySwitch == "Proxy" ? "drop -Proxy" : "add -NonProxy";
            throw new GwValidationException(ProxyOptionErrorId, given[0].TrimStart('-'),
                $"{string.Join(" and ", given)} only apply to a non-proxy integration, which maps requests and responses: {fix}, or leave them out " +
                "(a proxy integration passes the request through and its backend must answer with the status, headers and body itself).");
        }
    }

    public PutIntegrationRequest AppliedTo(PutIntegrationRequest integration) =>
        integration with { RequestTemplates = RequestTemplates, PassthroughBehavior = PassthroughBehavior };
}
