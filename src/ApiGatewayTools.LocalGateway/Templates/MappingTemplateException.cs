namespace ApiGatewayTools.LocalGateway.Templates;

/// <summary>
/// A mapping template that cannot be rendered faithfully: malformed text, a construct this engine does not
/// support, or a call that fails while rendering. The message names the construct and where it starts, so
/// the author can find it in a template that may be hundreds of lines long.
/// </summary>
internal sealed class MappingTemplateException : Exception
{
    public MappingTemplateException(string construct, string problem, SourcePosition position)
        : base($"{problem} ({construct} at {position})")
    {
        Construct = construct;
        Line = position.Line;
        Column = position.Column;
    }

    /// <summary>The template text the problem is about, such as <c>#macro</c> or <c>.frobnicate()</c>.</summary>
    public string Construct { get; }

    public int Line { get; }

    public int Column { get; }
}

/// <summary>Where a construct starts in the template, both counted from 1.</summary>
internal readonly record struct SourcePosition(int Line, int Column)
{
    public override string ToString() => $"line {Line}, column {Column}";
}
