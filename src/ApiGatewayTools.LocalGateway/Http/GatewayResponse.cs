using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ApiGatewayTools.LocalGateway.Http;

/// <summary>What a handler answers; the server adds the request id and writes it out.</summary>
internal sealed class GatewayResponse
{
    private GatewayResponse(int statusCode, byte[] body, string? contentType)
    {
        StatusCode = statusCode;
        Body = body;
        ContentType = contentType;
    }

    /// <summary>JSON as AWS writes it: quotes, plus signs and non-ASCII text stay readable instead of \u escapes.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public int StatusCode { get; }
    public byte[] Body { get; }
    public string? ContentType { get; }
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A JSON object body; <paramref name="writeMembers"/> writes the members between the braces.</summary>
    public static GatewayResponse Json(int statusCode, Action<Utf8JsonWriter> writeMembers)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writeMembers(writer);
            writer.WriteEndObject();
        }
        return new GatewayResponse(statusCode, buffer.ToArray(), "application/json");
    }

    /// <summary>API Gateway answers an empty JSON object body on 202 deletions; 204 has no body at all.</summary>
    public static GatewayResponse Empty(int statusCode) =>
        statusCode == 204
            ? new GatewayResponse(statusCode, [], null)
            : new GatewayResponse(statusCode, Encoding.UTF8.GetBytes("{}"), "application/json");

    /// <summary>A body written as given, e.g. a Lambda function's payload.</summary>
    public static GatewayResponse Raw(int statusCode, byte[] body, string? contentType) => new(statusCode, body, contentType);

    public GatewayResponse WithHeader(string name, string value)
    {
        Headers[name] = value;
        return this;
    }
}
