using ApiGatewayTools.LocalGateway.Templates;

namespace ApiGatewayTools.Tests.LocalGateway.Templates;

/// <summary>A request as the data plane would describe it, for rendering templates in tests.</summary>
internal static class TemplateTestContext
{
    public static MappingTemplateContext Request(string body = "") => new()
    {
        Body = body,
        PathParameters = new Dictionary<string, string> { ["id"] = "42" },
        QueryStringParameters = new Dictionary<string, string> { ["sort"] = "asc", ["id"] = "from-query" },
        Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Accept"] = "application/json", ["X-Trace"] = "t-1" },
        Context = new Dictionary<string, object?>
        {
            ["requestId"] = "req-1",
            ["stage"] = "prod",
            ["httpMethod"] = "POST",
            ["resourcePath"] = "/pets/{id}",
            ["identity.sourceIp"] = "192.0.2.1",
            ["identity.userAgent"] = "curl/8.0",
            ["authorizer.claims.email"] = "a@example.com",
        },
        StageVariables = new Dictionary<string, string> { ["backend"] = "pets.internal", ["version"] = "v2" },
    };

    public static string Render(string template, string body = "") =>
        MappingTemplate.Render(template, Request(body));
}
