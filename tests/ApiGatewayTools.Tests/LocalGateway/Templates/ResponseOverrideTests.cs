using ApiGatewayTools.LocalGateway.Templates;

namespace ApiGatewayTools.Tests.LocalGateway.Templates;

/// <summary>$context.responseOverride: what a response template assigns replaces the mapped status and headers.</summary>
public sealed class ResponseOverrideTests
{
    private static (string Output, ResponseOverride Override) RenderResponse(string template)
    {
        var sink = new ResponseOverride();
        var request = TemplateTestContext.Request();
        var context = new MappingTemplateContext
        {
            Body = """{"ok":true}""",
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Origin"] = "https://b.example.com" },
            Context = request.Context,
            ResponseOverride = sink,
        };
        return (MappingTemplate.Render(template, context), sink);
    }

    [Fact]
    public void A_header_set_by_index_and_the_status_are_collected_and_write_nothing()
    {
        var (output, overrides) = RenderResponse(
            "#set($context.responseOverride.header[\"Access-Control-Allow-Origin\"] = $input.params().header.get('Origin'))#set($context.responseOverride.status = 418)$input.body");

        Assert.Equal("""{"ok":true}""", output);
        Assert.Equal(418, overrides.Status);
        Assert.Equal("https://b.example.com", overrides.Headers["access-control-allow-origin"]);
    }

    [Fact]
    public void The_last_assignment_wins()
    {
        var (_, overrides) = RenderResponse("#set($context.responseOverride.header.Vary = 'Accept')#set($context.responseOverride.header.Vary = 'Origin')");

        Assert.Equal("Origin", overrides.Headers["Vary"]);
    }
}
