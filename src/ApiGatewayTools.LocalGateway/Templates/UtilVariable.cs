using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ApiGatewayTools.LocalGateway.Templates;

/// <summary><c>$util</c>: the escaping, encoding and JSON helpers API Gateway offers templates. Null in, null out.</summary>
internal sealed class UtilVariable : ITemplateObject
{
    public static UtilVariable Instance { get; } = new();

    private UtilVariable()
    {
    }

    public string Name => "$util";

    public bool TryGetProperty(string name, out object? value)
    {
        value = null;
        return false;
    }

    public bool TryInvoke(string method, IReadOnlyList<object?> arguments, SourcePosition position, out object? result)
    {
        Func<string, object?>? helper = method switch
        {
            "escapeJavaScript" => EscapeJavaScript,
            "parseJson" => text => ParseJson(text, position),
            "urlEncode" => UrlEncode,
            "urlDecode" => text => UrlDecode(text, position),
            "base64Encode" => text => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)),
            "base64Decode" => text => Base64Decode(text, position),
            _ => null,
        };
        if (helper is null)
        {
            result = null;
            return false;
        }
        ValueMethods.Arity(method, arguments, 1, position);
        var argument = ValueMethods.NullableText(arguments[0]);
        result = argument is null ? null : helper(argument);
        return true;
    }

    /// <summary>
    /// JavaScript string escaping as Java's commons-lang does it: quotes (single ones too), backslash and '/' get a
    /// backslash, control characters their short or \u form, and every non-ASCII character a \u escape.
    /// </summary>
    public static string EscapeJavaScript(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\'': escaped.Append("\\'"); break;
                case '"': escaped.Append("\\\""); break;
                case '\\': escaped.Append("\\\\"); break;
                case '/': escaped.Append("\\/"); break;
                case '\b': escaped.Append("\\b"); break;
                case '\n': escaped.Append("\\n"); break;
                case '\t': escaped.Append("\\t"); break;
                case '\f': escaped.Append("\\f"); break;
                case '\r': escaped.Append("\\r"); break;
                default:
                    if (c < 32 || c > 0x7f)
                    {
                        escaped.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        escaped.Append(c);
                    }
                    break;
            }
        }
        return escaped.ToString();
    }

    /// <summary>Java's URLEncoder with UTF-8: letters, digits and ".-*_" stay, a space becomes '+', the rest %XX.</summary>
    public static string UrlEncode(string text)
    {
        var encoded = new StringBuilder(text.Length + 8);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '*' or '_')
            {
                encoded.Append(c);
            }
            else if (c == ' ')
            {
                encoded.Append('+');
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return encoded.ToString();
    }

    private static string UrlDecode(string text, SourcePosition position)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '+')
            {
                bytes.Add((byte)' ');
            }
            else if (c == '%')
            {
                if (i + 2 >= text.Length
                    || !byte.TryParse(text.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
                {
                    throw new MappingTemplateException("$util.urlDecode", $"'{text}' has an incomplete % escape at position {i}", position);
                }
                bytes.Add(b);
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static string Base64Decode(string text, SourcePosition position)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(text));
        }
        catch (FormatException)
        {
            throw new MappingTemplateException("$util.base64Decode", $"'{text}' is not base64", position);
        }
    }

    private static object? ParseJson(string text, SourcePosition position)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return JsonValues.ToValue(document.RootElement);
        }
        catch (JsonException error)
        {
            throw new MappingTemplateException("$util.parseJson", $"the text is not valid JSON: {error.Message}", position);
        }
    }

    public override string ToString() => Name;
}
