using System.Text;

namespace ApiGatewayTools.LocalGateway.Templates;

/// <summary>
/// Turns template text into nodes: text, references, directives and comments. Expressions inside
/// directives and references are parsed by the other half of this class.
/// </summary>
internal sealed partial class TemplateParser
{
    private static readonly HashSet<string> UnsupportedDirectives =
        new(StringComparer.Ordinal) { "macro", "parse", "include", "define", "evaluate", "stop" };

    private static readonly HashSet<string> SupportedDirectives =
        new(StringComparer.Ordinal) { "set", "if", "elseif", "else", "end", "foreach", "break" };

    private readonly string _text;
    private readonly int _end;
    private readonly LineMap _lines;

    // Inside a double-quoted string there are no lines to gobble: the string's text is kept as written.
    private readonly bool _insideString;
    private int _pos;

    private TemplateParser(string text, int start, int end, LineMap lines, bool insideString)
    {
        _text = text;
        _pos = start;
        _end = end;
        _lines = lines;
        _insideString = insideString;
    }

    public static IReadOnlyList<TemplateNode> Parse(string template) =>
        new TemplateParser(template, 0, template.Length, new LineMap(template), insideString: false).ParseAll();

    private IReadOnlyList<TemplateNode> ParseAll()
    {
        var (nodes, ending) = ParseBlock();
        if (ending.Kind != BlockEndKind.EndOfInput)
        {
            throw new MappingTemplateException(ending.Directive, $"{ending.Directive} has no #if or #foreach to close", ending.Position);
        }
        return nodes;
    }

    private (IReadOnlyList<TemplateNode> Nodes, BlockEnd Ending) ParseBlock()
    {
        var block = new BlockBuilder();
        while (_pos < _end)
        {
            var c = _text[_pos];
            if (c == '\\' && TryParseEscape(block))
            {
                continue;
            }
            if (c == '$' && IsReferenceStart(_pos))
            {
                block.Add(new OutputNode(ParseReference()));
                continue;
            }
            if (c == '#')
            {
                var ending = TryParseHash(block);
                if (ending is not null)
                {
                    return (block.Finish(), ending);
                }
                continue;
            }
            block.Append(c);
            _pos++;
        }
        return (block.Finish(), new BlockEnd(BlockEndKind.EndOfInput, "", null, Position(_pos)));
    }

    /// <summary>
    /// Velocity's escapes: an odd run of backslashes before a reference or directive prints it literally, an even
    /// run does not; either way half the backslashes are printed. Backslashes anywhere else are plain text.
    /// </summary>
    private bool TryParseEscape(BlockBuilder block)
    {
        var runEnd = _pos;
        while (runEnd < _end && _text[runEnd] == '\\')
        {
            runEnd++;
        }
        var escapesReference = runEnd < _end && _text[runEnd] == '$' && IsReferenceStart(runEnd);
        var escapesDirective = runEnd < _end && _text[runEnd] == '#' && IsDirectiveStart(runEnd);
        if (!escapesReference && !escapesDirective)
        {
            return false;
        }
        var count = runEnd - _pos;
        block.Append(new string('\\', count / 2));
        _pos = runEnd;
        if (count % 2 == 0)
        {
            return true;
        }
        if (escapesReference)
        {
            block.Append(ParseReference().SourceText);
        }
        else
        {
            block.Append('#');
            _pos++;
        }
        return true;
    }

    /// <summary>Handles text starting with '#'. Returns how the block ends when the directive closes it.</summary>
    private BlockEnd? TryParseHash(BlockBuilder block)
    {
        var start = _pos;
        if (Peek(1) == '#')
        {
            SkipLineComment(block, start);
            return null;
        }
        if (Peek(1) == '*')
        {
            SkipBlockComment(block, start);
            return null;
        }
        if (Peek(1) == '[' && Peek(2) == '[')
        {
            CopyUnparsedContent(block, start);
            return null;
        }
        if (!TryReadDirectiveName(out var name))
        {
            block.Append('#');
            _pos++;
            return null;
        }
        var construct = "#" + name;
        var position = Position(start);
        if (UnsupportedDirectives.Contains(name))
        {
            throw new MappingTemplateException(construct, $"{construct} is not supported in API Gateway mapping templates", position);
        }
        switch (name)
        {
            case "set":
                var set = ParseSetArguments(position);
                GobbleIfAlone(block, start);
                block.Add(set);
                return null;
            case "if":
                block.Add(ParseIf(block, start, position));
                return null;
            case "foreach":
                block.Add(ParseForeach(block, start, position));
                return null;
            case "break":
                GobbleIfAlone(block, start);
                block.Add(new BreakNode());
                return null;
            case "elseif":
                var condition = ParseCondition(construct);
                GobbleIfAlone(block, start);
                return new BlockEnd(BlockEndKind.ElseIf, construct, condition, position);
            case "else":
                GobbleIfAlone(block, start);
                return new BlockEnd(BlockEndKind.Else, construct, null, position);
            case "end":
                GobbleIfAlone(block, start);
                return new BlockEnd(BlockEndKind.End, construct, null, position);
            default:
                // '#' followed by a word that is no directive, such as a colour '#fff', is plain text.
                _pos = start;
                block.Append('#');
                _pos++;
                return null;
        }
    }

    private IfNode ParseIf(BlockBuilder outer, int start, SourcePosition position)
    {
        var condition = ParseCondition("#if");
        GobbleIfAlone(outer, start);
        var branches = new List<ConditionalBranch>();
        while (true)
        {
            var (body, ending) = ParseBlock();
            branches.Add(new ConditionalBranch(condition, body));
            switch (ending.Kind)
            {
                case BlockEndKind.End:
                    return new IfNode(branches, null);
                case BlockEndKind.ElseIf:
                    condition = ending.Condition!;
                    continue;
                case BlockEndKind.Else:
                    var (otherwise, afterElse) = ParseBlock();
                    if (afterElse.Kind == BlockEndKind.End)
                    {
                        return new IfNode(branches, otherwise);
                    }
                    if (afterElse.Kind == BlockEndKind.EndOfInput)
                    {
                        throw new MappingTemplateException("#if", "#if has no #end", position);
                    }
                    throw new MappingTemplateException(afterElse.Directive, $"{afterElse.Directive} cannot follow #else", afterElse.Position);
                default:
                    throw new MappingTemplateException("#if", "#if has no #end", position);
            }
        }
    }

    private ForeachNode ParseForeach(BlockBuilder outer, int start, SourcePosition position)
    {
        ExpectOpeningParenthesis("#foreach");
        SkipWhitespace();
        if (!IsReferenceStart(_pos))
        {
            throw Unexpected("#foreach", "#foreach needs a loop variable such as $item");
        }
        var variable = ParseReference();
        if (variable.Chain.Count > 0)
        {
            throw new MappingTemplateException(variable.SourceText, "the #foreach loop variable must be a plain name", variable.Position);
        }
        SkipWhitespace();
        if (!TryMatchWord("in"))
        {
            throw Unexpected("#foreach", "#foreach needs 'in' between the loop variable and the items");
        }
        var items = ParseExpression();
        ExpectClosingParenthesis("#foreach");
        GobbleIfAlone(outer, start);
        var (body, ending) = ParseBlock();
        if (ending.Kind == BlockEndKind.End)
        {
            return new ForeachNode(variable.Root, items, body, position);
        }
        if (ending.Kind == BlockEndKind.EndOfInput)
        {
            throw new MappingTemplateException("#foreach", "#foreach has no #end", position);
        }
        throw new MappingTemplateException(ending.Directive, $"{ending.Directive} is not allowed directly inside #foreach", ending.Position);
    }

    private SetNode ParseSetArguments(SourcePosition position)
    {
        ExpectOpeningParenthesis("#set");
        SkipWhitespace();
        if (!IsReferenceStart(_pos))
        {
            throw Unexpected("#set", "#set needs a reference to assign, such as $name");
        }
        var target = ParseReference();
        if (target.Chain.Count > 0 && target.Chain[^1] is MethodAccessor)
        {
            throw new MappingTemplateException(target.SourceText, "#set cannot assign to a method call", target.Position);
        }
        SkipWhitespace();
        if (Peek(0) != '=' || Peek(1) == '=')
        {
            throw Unexpected("#set", "#set needs '=' after the reference");
        }
        _pos++;
        var value = ParseExpression();
        ExpectClosingParenthesis("#set");
        return new SetNode(target, value, position);
    }

    private Expression ParseCondition(string directive)
    {
        ExpectOpeningParenthesis(directive);
        var condition = ParseExpression();
        ExpectClosingParenthesis(directive);
        return condition;
    }

    private void ExpectOpeningParenthesis(string directive)
    {
        SkipSpacesOnLine();
        if (Peek(0) != '(')
        {
            throw Unexpected(directive, $"{directive} needs its arguments in parentheses");
        }
        _pos++;
    }

    private void ExpectClosingParenthesis(string directive)
    {
        SkipWhitespace();
        if (Peek(0) != ')')
        {
            throw Unexpected(directive, $"{directive} is missing its closing ')'");
        }
        _pos++;
    }

    private bool TryReadDirectiveName(out string name)
    {
        var braced = Peek(1) == '{';
        var nameStart = _pos + (braced ? 2 : 1);
        var nameEnd = nameStart;
        while (nameEnd < _end && char.IsAsciiLetter(_text[nameEnd]))
        {
            nameEnd++;
        }
        name = _text[nameStart..nameEnd];
        if (name.Length == 0 || (braced && (nameEnd >= _end || _text[nameEnd] != '}')))
        {
            return false;
        }
        if (!SupportedDirectives.Contains(name) && !UnsupportedDirectives.Contains(name))
        {
            return false;
        }
        _pos = braced ? nameEnd + 1 : nameEnd;
        return true;
    }

    private bool IsDirectiveStart(int index)
    {
        var saved = _pos;
        _pos = index;
        var isDirective = TryReadDirectiveName(out _);
        _pos = saved;
        return isDirective;
    }

    private void SkipLineComment(BlockBuilder block, int start)
    {
        var newline = _text.IndexOf('\n', start, _end - start);
        var commentAlone = !_insideString && OnlySpacesBefore(start);
        _pos = newline < 0 ? _end : newline + 1;
        if (commentAlone)
        {
            block.TrimEnd(start - LineStart(start));
        }
    }

    private void SkipBlockComment(BlockBuilder block, int start)
    {
        var close = _text.IndexOf("*#", start + 2, _end - start - 2, StringComparison.Ordinal);
        if (close < 0)
        {
            throw new MappingTemplateException("#*", "the #* comment is never closed with *#", Position(start));
        }
        _pos = close + 2;
        GobbleIfAlone(block, start);
    }

    private void CopyUnparsedContent(BlockBuilder block, int start)
    {
        var close = _text.IndexOf("]]#", start + 3, _end - start - 3, StringComparison.Ordinal);
        if (close < 0)
        {
            throw new MappingTemplateException("#[[", "the #[[ unparsed block is never closed with ]]#", Position(start));
        }
        block.Append(_text[(start + 3)..close]);
        _pos = close + 3;
    }

    /// <summary>
    /// When the construct that started at <paramref name="start"/> and ends at the current position is alone on
    /// its line, the whole line leaves the output: its indentation (already in the block) and its line break.
    /// </summary>
    private void GobbleIfAlone(BlockBuilder block, int start)
    {
        if (_insideString || !OnlySpacesBefore(start))
        {
            return;
        }
        var after = _pos;
        while (after < _end && _text[after] is ' ' or '\t')
        {
            after++;
        }
        if (after < _end && _text[after] == '\r' && after + 1 < _end && _text[after + 1] == '\n')
        {
            after++;
        }
        if (after < _end && _text[after] != '\n')
        {
            return;
        }
        block.TrimEnd(start - LineStart(start));
        _pos = Math.Min(after + 1, _end);
    }

    private bool OnlySpacesBefore(int index)
    {
        for (var i = index - 1; i >= 0 && _text[i] != '\n'; i--)
        {
            if (_text[i] is not (' ' or '\t'))
            {
                return false;
            }
        }
        return true;
    }

    private int LineStart(int index)
    {
        var newline = index == 0 ? -1 : _text.LastIndexOf('\n', index - 1);
        return newline + 1;
    }

    private char Peek(int ahead) => _pos + ahead < _end ? _text[_pos + ahead] : '\0';

    private SourcePosition Position(int index) => _lines.PositionOf(index);

    private MappingTemplateException Unexpected(string construct, string problem)
    {
        var found = _pos < _end ? $"found '{_text[_pos]}'" : "found the end of the template";
        return new MappingTemplateException(construct, $"{problem}; {found}", Position(_pos));
    }

    private enum BlockEndKind
    {
        EndOfInput,
        ElseIf,
        Else,
        End,
    }

    private sealed record BlockEnd(BlockEndKind Kind, string Directive, Expression? Condition, SourcePosition Position);

    /// <summary>Collects a block's nodes, merging adjacent text so rendering appends one string per run.</summary>
    private sealed class BlockBuilder
    {
        private readonly List<TemplateNode> _nodes = [];
        private readonly StringBuilder _text = new();

        public void Append(char c) => _text.Append(c);

        public void Append(string text) => _text.Append(text);

        /// <summary>Drops a gobbled line's indentation; it is always the tail of the pending text.</summary>
        public void TrimEnd(int count) => _text.Length -= Math.Min(count, _text.Length);

        public void Add(TemplateNode node)
        {
            FlushText();
            _nodes.Add(node);
        }

        public IReadOnlyList<TemplateNode> Finish()
        {
            FlushText();
            return _nodes;
        }

        private void FlushText()
        {
            if (_text.Length > 0)
            {
                _nodes.Add(new TextNode(_text.ToString()));
                _text.Clear();
            }
        }
    }

    /// <summary>Maps a character offset to its line and column, for error messages.</summary>
    private sealed class LineMap
    {
        private readonly List<int> _lineStarts = [0];

        public LineMap(string text)
        {
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '\n')
                {
                    _lineStarts.Add(i + 1);
                }
            }
        }

        public SourcePosition PositionOf(int index)
        {
            var line = _lineStarts.BinarySearch(index);
            if (line < 0)
            {
                line = ~line - 1;
            }
            return new SourcePosition(line + 1, index - _lineStarts[line] + 1);
        }
    }
}
