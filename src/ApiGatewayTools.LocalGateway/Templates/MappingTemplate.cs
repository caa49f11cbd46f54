using System.Collections.Concurrent;

namespace ApiGatewayTools.LocalGateway.Templates;

/// <summary>
/// Renders API Gateway mapping templates: the Velocity Template Language subset that request and response
/// templates use, with API Gateway's <c>$input</c>, <c>$context</c>, <c>$stageVariables</c> and <c>$util</c>.
/// </summary>
/// <remarks>
/// Whitespace: a line that holds nothing but one directive (<c>#set</c>, <c>#if</c>, <c>#elseif</c>, <c>#else</c>,
/// <c>#end</c>, <c>#foreach</c>, <c>#break</c>) or nothing but a comment disappears from the output entirely,
/// indentation and newline included (Velocity's "lines" space gobbling). Everything else is copied as written.
/// A reference whose value is null renders as nothing, as API Gateway renders it (plain Velocity would print
/// the reference's own text).
/// </remarks>
internal static class MappingTemplate
{
    // Templates come from a handful of deployed integrations, so a small cache holds all of them; when
    // something churns through more, starting over is cheaper than tracking which entry is oldest.
    private const int CacheCapacity = 256;
    private static readonly ConcurrentDictionary<string, IReadOnlyList<TemplateNode>> ParsedTemplates = new(StringComparer.Ordinal);

    public static string Render(string template, MappingTemplateContext context)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(context);
        return new TemplateRenderer(context).Render(Parse(template));
    }

    /// <summary>Parses without rendering, so a control plane can refuse a template that could never render.</summary>
    public static void Validate(string template) => Parse(template);

    private static IReadOnlyList<TemplateNode> Parse(string template)
    {
        if (ParsedTemplates.TryGetValue(template, out var parsed))
        {
            return parsed;
        }
        parsed = TemplateParser.Parse(template);
        if (ParsedTemplates.Count >= CacheCapacity)
        {
            ParsedTemplates.Clear();
        }
        ParsedTemplates.TryAdd(template, parsed);
        return parsed;
    }
}
