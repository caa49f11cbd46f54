using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace ApiGatewayTools.LocalGateway.Http;

/// <summary>
/// Refuses a JSON body that is not well-formed Unicode before anything reads a string from it: .NET would
/// otherwise fail later with an internal error (invalid UTF-8) or silently turn an escaped lone surrogate
/// into U+FFFD, storing a name the caller never sent. Both are the caller's mistake, so both answer 400.
/// </summary>
internal static class RequestEncoding
{
    public const string ErrorCode = "SerializationException";

    public static void EnsureWellFormed(byte[] body)
    {
        if (!Utf8.IsValid(body))
        {
            throw Refused($"the request body is not valid UTF-8 (first bad byte at offset {FirstInvalidByte(body).ToString(CultureInfo.InvariantCulture)})");
        }
        EnsureNoLoneSurrogateEscapes(body);
    }

    private static int FirstInvalidByte(ReadOnlySpan<byte> body)
    {
        var offset = 0;
        while (offset < body.Length && Rune.DecodeFromUtf8(body[offset..], out _, out var consumed) == OperationStatus.Done)
        {
            offset += consumed;
        }
        return offset;
    }

    /// <summary>Looks at every escaped string and property name as sent, before unescaping replaces anything.</summary>
    private static void EnsureNoLoneSurrogateEscapes(byte[] body)
    {
        if (body.AsSpan().IndexOf("\\u"u8) < 0)
        {
            return;
        }
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
                {
                    EnsurePaired(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan, reader.TokenStartIndex);
                }
            }
        }
        catch (JsonException)
        {
            // Malformed JSON is reported by the parser that follows, with its own position.
        }
    }

    private static void EnsurePaired(ReadOnlySpan<byte> escaped, long position)
    {
        char? pendingHigh = null;
        for (var i = 0; i < escaped.Length; i++)
        {
            char? unit = null;
            if (escaped[i] == '\\' && i + 1 < escaped.Length)
            {
                if (escaped[i + 1] == 'u' && i + 5 < escaped.Length
                    && ushort.TryParse(Encoding.ASCII.GetString(escaped.Slice(i + 2, 4)), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                {
                    unit = (char)code;
                    i += 5;
                }
                else
                {
                    i++;
                }
            }
            if (pendingHigh is not null && (unit is null || !char.IsLowSurrogate(unit.Value)))
            {
                throw LoneSurrogate(pendingHigh.Value, position);
            }
            if (pendingHigh is not null)
            {
                pendingHigh = null;
                continue;
            }
            if (unit is { } u && char.IsLowSurrogate(u))
            {
                throw LoneSurrogate(u, position);
            }
            pendingHigh = unit is { } h && char.IsHighSurrogate(h) ? h : null;
        }
        if (pendingHigh is not null)
        {
            throw LoneSurrogate(pendingHigh.Value, position);
        }
    }

    private static GatewayError LoneSurrogate(char unit, long position) =>
        Refused($"the request body holds an unpaired surrogate \\u{((int)unit).ToString("x4", CultureInfo.InvariantCulture)} in the string at byte offset {position.ToString(CultureInfo.InvariantCulture)}; text must be valid Unicode");

    private static GatewayError Refused(string problem) => new(400, ErrorCode, $"Could not parse request body: {problem}.");
}
