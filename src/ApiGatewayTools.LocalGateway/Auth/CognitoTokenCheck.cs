using System.Text;
using System.Text.Json;

namespace ApiGatewayTools.LocalGateway.Auth;

/// <summary>Why a Cognito token was refused: API Gateway answers 401 either way, with its own text for an expired token.</summary>
internal enum CognitoRefusal
{
    None,
    Unauthorized,
    Expired,
}

/// <summary>
/// What a COGNITO_USER_POOLS authorizer checks, in API Gateway's terms: an RS256 JWT signed by a key of one of the
/// authorizer's pools, its iss that pool's, not expired, and of the right use: with authorization scopes on the
/// method an access token holding one of them, without, an ID token; its aud (ID) or client_id (access) a client
/// of the pool.
/// </summary>
internal static class CognitoTokenCheck
{
    public static CognitoRefusal Check(string? token, IEnumerable<LocalUserPool?> pools, IReadOnlyList<string> methodScopes, DateTimeOffset now,
        out Dictionary<string, string> claims)
    {
        claims = new Dictionary<string, string>(StringComparer.Ordinal);
        var parts = token?.Split('.');
        if (parts is not { Length: 3 })
        {
            return CognitoRefusal.Unauthorized;
        }
        JsonElement header, payload;
        byte[] signature;
        try
        {
            header = JsonDocument.Parse(FromBase64Url(parts[0])).RootElement;
            payload = JsonDocument.Parse(FromBase64Url(parts[1])).RootElement;
            signature = FromBase64Url(parts[2]);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return CognitoRefusal.Unauthorized;
        }
        if (header.ValueKind != JsonValueKind.Object || payload.ValueKind != JsonValueKind.Object
            || Text(header, "alg") != "RS256" || Text(header, "kid") is not { } keyId)
        {
            return CognitoRefusal.Unauthorized;
        }
        var pool = pools.FirstOrDefault(p => p is not null && p.Issuer == Text(payload, "iss"));
        var signedPart = Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}");
        if (pool is null || !pool.Verifies(keyId, signedPart, signature))
        {
            return CognitoRefusal.Unauthorized;
        }
        if (!payload.TryGetProperty("exp", out var exp) || !exp.TryGetInt64(out var expires) || expires <= now.ToUnixTimeSeconds())
        {
            return CognitoRefusal.Expired;
        }
        var tokenUse = Text(payload, "token_use");
        var client = tokenUse == "access" ? Text(payload, "client_id") : Text(payload, "aud");
        if (client is null || !pool.ClientIds.Contains(client))
        {
            return CognitoRefusal.Unauthorized;
        }
        if (methodScopes.Count > 0)
        {
            var granted = (Text(payload, "scope") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (tokenUse != "access" || !granted.Intersect(methodScopes, StringComparer.Ordinal).Any())
            {
                return CognitoRefusal.Unauthorized;
            }
        }
        else if (tokenUse != "id")
        {
            return CognitoRefusal.Unauthorized;
        }
        foreach (var claim in payload.EnumerateObject())
        {
            claims[claim.Name] = claim.Value.ValueKind == JsonValueKind.String ? claim.Value.GetString()! : claim.Value.GetRawText();
        }
        return CognitoRefusal.None;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }
}
