using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ApiGatewayTools.LocalGateway.Auth;

/// <summary>
/// A user pool the local gateway hosts in place of Amazon Cognito: an id shaped like Cognito's (us-east-1_AbC123xyz),
/// its app client ids, and the RSA key it signs tokens with (RS256, as Cognito does). Its JWKS is served at
/// {endpoint}/{poolId}/.well-known/jwks.json, as Cognito serves it under the issuer.
/// </summary>
public sealed class LocalUserPool : IDisposable
{
    private const string Alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private readonly RSA _key = RSA.Create(2048);

    internal LocalUserPool(string name, int clientCount)
    {
        Name = name;
        Id = $"{LocalGatewayServer.Region}_{RandomNumberGenerator.GetString(Alphanumerics, 9)}";
        ClientIds = Enumerable.Range(0, clientCount).Select(_ => RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 26)).ToList();
        KeyId = Convert.ToBase64String(SHA256.HashData(_key.ExportRSAPublicKey()))[..43];
    }

    public string Name { get; }
    public string Id { get; }
    public IReadOnlyList<string> ClientIds { get; }
    public string KeyId { get; }

    /// <summary>arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_AbC123xyz: what a COGNITO_USER_POOLS authorizer names.</summary>
    public string ProviderArn => $"arn:aws:cognito-idp:{LocalGatewayServer.Region}:{LocalGatewayServer.AccountId}:userpool/{Id}";

    /// <summary>The iss claim of the pool's tokens, as Cognito writes it.</summary>
    public string Issuer => $"https://cognito-idp.{LocalGatewayServer.Region}.amazonaws.com/{Id}";

    /// <summary>
    /// A signed ID or access token, with Cognito's standard claims (sub, iss, token_use, auth_time, iat, exp, and aud
    /// for ID tokens or client_id and scope for access tokens) and the caller's claims over them.
    /// </summary>
    public string MintToken(LocalTokenRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.TokenUse is not ("id" or "access"))
        {
            throw new ArgumentException($"Token use '{request.TokenUse}' is not one Cognito issues: use id or access.", nameof(request));
        }
        if (!ClientIds.Contains(request.ClientId))
        {
            throw new ArgumentException($"'{request.ClientId}' is not a client of user pool {Id}; its clients are {string.Join(", ", ClientIds)}.", nameof(request));
        }
        var issuedAt = request.IssuedAt ?? DateTimeOffset.UtcNow;
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["sub"] = request.Subject ?? Guid.NewGuid().ToString(),
            ["iss"] = Issuer,
            ["token_use"] = request.TokenUse,
            ["auth_time"] = issuedAt.ToUnixTimeSeconds(),
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
            ["exp"] = (issuedAt + request.Lifetime).ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString(),
        };
        if (request.TokenUse == "id")
        {
            claims["aud"] = request.ClientId;
        }
        else
        {
            claims["client_id"] = request.ClientId;
            claims["scope"] = string.Join(" ", request.Scopes);
        }
        foreach (var (name, value) in request.Claims)
        {
            claims[name] = value;
        }
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["kid"] = KeyId, ["alg"] = "RS256" }));
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = _key.SignData(Encoding.ASCII.GetBytes($"{header}.{payload}"), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{header}.{payload}.{Base64Url(signature)}";
    }

    /// <summary>Whether the pool's key signed this header.payload (RS256).</summary>
    internal bool Verifies(string keyId, ReadOnlySpan<byte> signedPart, byte[] signature) =>
        keyId == KeyId && _key.VerifyData(signedPart, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    /// <summary>The pool's public keys as a JSON Web Key Set.</summary>
    internal void WriteJwks(Utf8JsonWriter writer)
    {
        var parameters = _key.ExportParameters(includePrivateParameters: false);
        writer.WriteStartArray("keys");
        writer.WriteStartObject();
        writer.WriteString("alg", "RS256");
        writer.WriteString("e", Base64Url(parameters.Exponent!));
        writer.WriteString("kid", KeyId);
        writer.WriteString("kty", "RSA");
        writer.WriteString("n", Base64Url(parameters.Modulus!));
        writer.WriteString("use", "sig");
        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    public void Dispose() => _key.Dispose();

    internal static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>What a test asks a local user pool to sign.</summary>
public sealed record LocalTokenRequest
{
    public required string ClientId { get; init; }
    /// <summary>id or access.</summary>
    public string TokenUse { get; init; } = "id";
    public IReadOnlyList<string> Scopes { get; init; } = [];
    /// <summary>Claims added to (or replacing) the standard ones; values are strings, numbers or booleans.</summary>
    public IReadOnlyDictionary<string, object> Claims { get; init; } = new Dictionary<string, object>();
    public string? Subject { get; init; }
    /// <summary>How long the token is valid from <see cref="IssuedAt"/>; negative makes an already expired token.</summary>
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromHours(1);
    public DateTimeOffset? IssuedAt { get; init; }
}
