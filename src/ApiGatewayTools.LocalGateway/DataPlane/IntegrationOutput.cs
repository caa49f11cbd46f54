using System.Text;

namespace ApiGatewayTools.LocalGateway.DataPlane;

/// <summary>What an integration answered before the integration response maps it: status, headers, body, and for Lambda its error message.</summary>
internal sealed class IntegrationOutput(int statusCode, List<KeyValuePair<string, string>> headers, byte[] body, string? errorMessage = null)
{
    private string? _bodyText;

    public int StatusCode { get; } = statusCode;
    public List<KeyValuePair<string, string>> Headers { get; } = headers;
    public byte[] Body { get; } = body;
    /// <summary>A Lambda function's errorMessage when it failed (what selection patterns match for Lambda); null otherwise.</summary>
    public string? ErrorMessage { get; } = errorMessage;

    public string BodyText => _bodyText ??= Encoding.UTF8.GetString(Body);

    public string? Header(string name)
    {
        string? found = null;
        foreach (var (key, value) in Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                found = value;
            }
        }
        return found;
    }
}
