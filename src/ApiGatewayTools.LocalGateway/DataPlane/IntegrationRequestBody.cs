using System.Text;

namespace ApiGatewayTools.LocalGateway.DataPlane;

/// <summary>
/// The integration request's body: the request template for the request's content type rendered, or the
/// method request's body passed through as the integration's passthroughBehavior allows.
/// </summary>
internal static class IntegrationRequestBody
{
    private const string DefaultContentType = "application/json";

    /// <summary>The body and its content type, or null when the passthrough behavior refuses the request (415).</summary>
    /// <exception cref="MappingTemplateException">The selected template cannot be rendered.</exception>
    public static (byte[] Body, string? ContentType)? Build(Invocation invocation)
    {
        var templates = invocation.Integration.RequestTemplates;
        var contentType = invocation.Request.MediaType ?? DefaultContentType;
        var template = Find(templates, contentType);
        if (template is not null)
        {
            invocation.Log?.Add($"Request template selected for content type {contentType}");
            var rendered = Invocation.Render(template, invocation.RequestTemplateContext);
            return (Encoding.UTF8.GetBytes(rendered), contentType);
        }
        var passThrough = invocation.Integration.PassthroughBehavior switch
        {
            "WHEN_NO_TEMPLATES" => templates.Count == 0,
            "NEVER" => false,
            _ => true,
        };
        if (!passThrough)
        {
            invocation.Log?.Add($"Request body passthrough refused: no template for content type {contentType} and passthroughBehavior {invocation.Integration.PassthroughBehavior}");
            return null;
        }
        invocation.Log?.Add("Request body passed through: no template for content type " + contentType);
        return (invocation.Request.Body, invocation.Request.Headers["Content-Type"]);
    }

    private static string? Find(Dictionary<string, string> templates, string contentType)
    {
        if (templates.Count == 0)
        {
            return null;
        }
        foreach (var (key, template) in templates)
        {
            if (string.Equals(key, contentType, StringComparison.OrdinalIgnoreCase))
            {
                return template;
            }
        }
        return null;
    }
}
