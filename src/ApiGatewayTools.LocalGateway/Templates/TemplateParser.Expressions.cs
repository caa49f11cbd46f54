using System.Globalization;

namespace ApiGatewayTools.LocalGateway.Templates;

/// <summary>
/// References and expressions. Precedence, loosest first: <c>|| or</c>, <c>&amp;&amp; and</c>, <c>== != eq ne</c>,
/// <c>&lt; &gt; &lt;= &gt;= lt gt le ge</c>, <c>+ -</c>, <c>* / %</c>, then the prefix operators <c>! not -</c>.
/// </summary>
internal sealed partial class TemplateParser
{
    private bool IsReferenceStart(int index)
    {
        var next = index + 1;
        if (next < _end && _text[next] == '!')
        {
            next++;
        }
        if (next < _end && _text[next] == '{')
        {
            next++;
        }
        return next < _end && IsIdentifierStart(_text[next]);
    }

    /// <summary>Parses <c>$name</c>, <c>$!name</c>, <c>${name}</c> or <c>$!{name}</c> with its property, method and index steps.</summary>
    private ReferenceExpression ParseReference()
    {
        var start = _pos;
        _pos++;
        var quiet = Peek(0) == '!';
        if (quiet)
        {
            _pos++;
        }
        var braced = Peek(0) == '{';
        if (braced)
        {
            _pos++;
        }
        var root = ReadIdentifier();
        var chain = new List<Accessor>();
        while (true)
        {
            if (Peek(0) == '.' && IsIdentifierStart(Peek(1)))
            {
                var stepStart = _pos;
                _pos++;
                var name = ReadIdentifier();
                if (Peek(0) == '(')
                {
                    chain.Add(new MethodAccessor(name, ParseArguments(name), Position(stepStart)));
                }
                else
                {
                    chain.Add(new PropertyAccessor(name, Position(stepStart)));
                }
            }
            else if (Peek(0) == '[')
            {
                var stepStart = _pos;
                _pos++;
                var index = ParseExpression();
                SkipWhitespace();
                if (Peek(0) != ']')
                {
                    throw Unexpected("$" + root + "[", "an index is missing its closing ']'");
                }
                _pos++;
                chain.Add(new IndexAccessor(index, Position(stepStart)));
            }
            else
            {
                break;
            }
        }
        if (braced)
        {
            if (Peek(0) != '}')
            {
                throw Unexpected("${" + root, "a ${...} reference is missing its closing '}'");
            }
            _pos++;
        }
        return new ReferenceExpression(root, chain, quiet, _text[start.._pos], Position(start));
    }

    private List<Expression> ParseArguments(string method)
    {
        _pos++;
        var arguments = new List<Expression>();
        SkipWhitespace();
        if (Peek(0) == ')')
        {
            _pos++;
            return arguments;
        }
        while (true)
        {
            arguments.Add(ParseExpression());
            SkipWhitespace();
            if (Peek(0) == ',')
            {
                _pos++;
                continue;
            }
            if (Peek(0) == ')')
            {
                _pos++;
                return arguments;
            }
            throw Unexpected("." + method + "(", $"the call to {method} is missing ',' or ')'");
        }
    }

    private Expression ParseExpression() => ParseOr();

    private Expression ParseOr()
    {
        var left = ParseAnd();
        while (true)
        {
            SkipWhitespace();
            var position = Position(_pos);
            if (!TryMatch("||") && !TryMatchWord("or"))
            {
                return left;
            }
            left = new BinaryExpression("||", left, ParseAnd(), position);
        }
    }

    private Expression ParseAnd()
    {
        var left = ParseEquality();
        while (true)
        {
            SkipWhitespace();
            var position = Position(_pos);
            if (!TryMatch("&&") && !TryMatchWord("and"))
            {
                return left;
            }
            left = new BinaryExpression("&&", left, ParseEquality(), position);
        }
    }

    private Expression ParseEquality()
    {
        var left = ParseRelational();
        while (true)
        {
            SkipWhitespace();
            var position = Position(_pos);
            string op;
            if (TryMatch("==") || TryMatchWord("eq"))
            {
                op = "==";
            }
            else if (TryMatch("!=") || TryMatchWord("ne"))
            {
                op = "!=";
            }
            else
            {
                return left;
            }
            left = new BinaryExpression(op, left, ParseRelational(), position);
        }
    }

    private Expression ParseRelational()
    {
        var left = ParseAdditive();
        while (true)
        {
            SkipWhitespace();
            var position = Position(_pos);
            string op;
            if (TryMatch("<=") || TryMatchWord("le"))
            {
                op = "<=";
            }
            else if (TryMatch(">=") || TryMatchWord("ge"))
            {
                op = ">=";
            }
            else if (TryMatch("<") || TryMatchWord("lt"))
            {
                op = "<";
            }
            else if (TryMatch(">") || TryMatchWord("gt"))
            {
                op = ">";
            }
            else
            {
                return left;
            }
            left = new BinaryExpression(op, left, ParseAdditive(), position);
        }
    }

    private Expression ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (true)
        {
            SkipWhitespace();
            var position = Position(_pos);
            var c = Peek(0);
            if (c is not ('+' or '-'))
            {
                return left;
            }
            _pos++;
            left = new BinaryExpression(c.ToString(), left, ParseMultiplicative(), position);
        }
    }

    private Expression ParseMultiplicative()
    {
        var left = ParseUnary();
        while (true)
        {
            SkipWhitespace();
            var position = Position(_pos);
            var c = Peek(0);
            if (c is not ('*' or '/' or '%'))
            {
                return left;
            }
            _pos++;
            left = new BinaryExpression(c.ToString(), left, ParseUnary(), position);
        }
    }

    private Expression ParseUnary()
    {
        SkipWhitespace();
        var position = Position(_pos);
        if ((Peek(0) == '!' && Peek(1) != '=') || TryMatchWord("not", consume: false))
        {
            _pos += Peek(0) == '!' ? 1 : 3;
            return new UnaryExpression("!", ParseUnary(), position);
        }
        if (Peek(0) == '-')
        {
            _pos++;
            return new UnaryExpression("-", ParseUnary(), position);
        }
        return ParsePrimary();
    }

    private Expression ParsePrimary()
    {
        SkipWhitespace();
        var start = _pos;
        var position = Position(start);
        var c = Peek(0);
        switch (c)
        {
            case '(':
                _pos++;
                var inner = ParseExpression();
                SkipWhitespace();
                if (Peek(0) != ')')
                {
                    throw Unexpected("(", "a parenthesised expression is missing its closing ')'");
                }
                _pos++;
                return inner;
            case '$' when IsReferenceStart(_pos):
                return ParseReference();
            case '\'':
                return new LiteralExpression(ReadSingleQuoted(), position);
            case '"':
                return ParseDoubleQuoted();
            case '[':
                return ParseListOrRange();
            case '{':
                return ParseMapLiteral();
        }
        if (char.IsAsciiDigit(c))
        {
            return ParseNumber();
        }
        if (TryMatchWord("true"))
        {
            return new LiteralExpression(true, position);
        }
        if (TryMatchWord("false"))
        {
            return new LiteralExpression(false, position);
        }
        if (TryMatchWord("null"))
        {
            return new LiteralExpression(null, position);
        }
        throw Unexpected("expression", "expected a value: a reference, string, number, list, map, true, false or null");
    }

    private LiteralExpression ParseNumber()
    {
        var start = _pos;
        while (char.IsAsciiDigit(Peek(0)))
        {
            _pos++;
        }
        // "1..3" is a range, not the decimal "1."
        var isDecimal = Peek(0) == '.' && char.IsAsciiDigit(Peek(1));
        if (isDecimal)
        {
            _pos++;
            while (char.IsAsciiDigit(Peek(0)))
            {
                _pos++;
            }
        }
        var text = _text[start.._pos];
        var position = Position(start);
        if (isDecimal)
        {
            return new LiteralExpression(double.Parse(text, CultureInfo.InvariantCulture), position);
        }
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            throw new MappingTemplateException(text, "the number is too large", position);
        }
        return new LiteralExpression(number, position);
    }

    /// <summary>Single quotes keep their text as written; a doubled quote stands for one quote.</summary>
    private string ReadSingleQuoted()
    {
        var start = _pos;
        _pos++;
        var value = new System.Text.StringBuilder();
        while (true)
        {
            if (_pos >= _end)
            {
                throw new MappingTemplateException("'", "a string is never closed with '", Position(start));
            }
            if (_text[_pos] == '\'')
            {
                if (Peek(1) != '\'')
                {
                    _pos++;
                    return value.ToString();
                }
                _pos++;
            }
            value.Append(_text[_pos]);
            _pos++;
        }
    }

    /// <summary>Double quotes interpolate: their text is parsed as a template. A backslash keeps the next character inside the string.</summary>
    private Expression ParseDoubleQuoted()
    {
        var start = _pos;
        var contentStart = start + 1;
        var close = contentStart;
        while (close < _end && _text[close] != '"')
        {
            close += _text[close] == '\\' ? 2 : 1;
        }
        if (close >= _end)
        {
            throw new MappingTemplateException("\"", "a string is never closed with \"", Position(start));
        }
        _pos = close + 1;
        var content = _text[contentStart..close];
        if (content.IndexOfAny(['$', '#']) < 0)
        {
            return new LiteralExpression(content, Position(start));
        }
        var parts = new TemplateParser(_text, contentStart, close, _lines, insideString: true).ParseAll();
        return new InterpolatedStringExpression(parts, Position(start));
    }

    private Expression ParseListOrRange()
    {
        var position = Position(_pos);
        _pos++;
        SkipWhitespace();
        var items = new List<Expression>();
        if (Peek(0) == ']')
        {
            _pos++;
            return new ListExpression(items, position);
        }
        var first = ParseExpression();
        SkipWhitespace();
        if (TryMatch(".."))
        {
            var last = ParseExpression();
            SkipWhitespace();
            if (Peek(0) != ']')
            {
                throw Unexpected("[..]", "a range is missing its closing ']'");
            }
            _pos++;
            return new RangeExpression(first, last, position);
        }
        items.Add(first);
        while (true)
        {
            SkipWhitespace();
            if (Peek(0) == ']')
            {
                _pos++;
                return new ListExpression(items, position);
            }
            if (Peek(0) != ',')
            {
                throw Unexpected("[", "a list needs ',' between items and a closing ']'");
            }
            _pos++;
            items.Add(ParseExpression());
        }
    }

    private MapExpression ParseMapLiteral()
    {
        var position = Position(_pos);
        _pos++;
        var entries = new List<KeyValuePair<Expression, Expression>>();
        SkipWhitespace();
        if (Peek(0) == '}')
        {
            _pos++;
            return new MapExpression(entries, position);
        }
        while (true)
        {
            var key = ParseExpression();
            SkipWhitespace();
            if (Peek(0) != ':')
            {
                throw Unexpected("{", "a map entry needs ':' between key and value");
            }
            _pos++;
            entries.Add(new(key, ParseExpression()));
            SkipWhitespace();
            if (Peek(0) == '}')
            {
                _pos++;
                return new MapExpression(entries, position);
            }
            if (Peek(0) != ',')
            {
                throw Unexpected("{", "a map needs ',' between entries and a closing '}'");
            }
            _pos++;
            SkipWhitespace();
        }
    }

    private string ReadIdentifier()
    {
        var start = _pos;
        while (_pos < _end && IsIdentifierPart(_text[_pos]))
        {
            _pos++;
        }
        return _text[start.._pos];
    }

    private bool TryMatch(string symbol)
    {
        if (_pos + symbol.Length > _end || string.CompareOrdinal(_text, _pos, symbol, 0, symbol.Length) != 0)
        {
            return false;
        }
        _pos += symbol.Length;
        return true;
    }

    /// <summary>Matches a word operator or keyword only when it is a whole word: 'order' is not 'or'.</summary>
    private bool TryMatchWord(string word, bool consume = true)
    {
        var after = _pos + word.Length;
        if (after > _end || string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0)
        {
            return false;
        }
        if (after < _end && IsIdentifierPart(_text[after]))
        {
            return false;
        }
        if (consume)
        {
            _pos = after;
        }
        return true;
    }

    private void SkipWhitespace()
    {
        while (_pos < _end && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }
    }

    private void SkipSpacesOnLine()
    {
        while (_pos < _end && _text[_pos] is ' ' or '\t')
        {
            _pos++;
        }
    }

    // Identifiers follow Velocity 2's rule: letters, digits and '_', so "$a-1" is a subtraction.
    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
