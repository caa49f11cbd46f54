using System.Text;
using ApiGatewayTools.LocalGateway.Auth;

namespace ApiGatewayTools.Tests.LocalGateway.DataPlane.Authorization;

/// <summary>What a COGNITO_USER_POOLS authorizer accepts: RS256 by the pool's key, its iss, exp, token_use, audience and scopes.</summary>
public sealed class CognitoTokenCheckTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private readonly LocalUserPools _pools = new();
    private readonly LocalUserPool _pool;
    private readonly LocalUserPool _other;

    public CognitoTokenCheckTests()
    {
        _pool = _pools.Create("users", 2);
        _other = _pools.Create("others", 1);
    }

    public void Dispose() => _pools.Dispose();

    private CognitoRefusal Check(string token, params string[] scopes) =>
        CognitoTokenCheck.Check(token, [_pool], scopes, Now, out _);

    private string Token(string use = "id", string[]? scopes = null, TimeSpan? lifetime = null, string? client = null) =>
        _pool.MintToken(new LocalTokenRequest { ClientId = client ?? _pool.ClientIds[0], TokenUse = use, Scopes = scopes ?? [], Lifetime = lifetime ?? TimeSpan.FromHours(1), IssuedAt = Now });

    [Fact]
    public void A_valid_ID_token_passes_with_its_claims()
    {
        var token = _pool.MintToken(new LocalTokenRequest { ClientId = _pool.ClientIds[1], Claims = new Dictionary<string, object> { ["email"] = "a@example.com", ["age"] = 42 } });
        Assert.Equal(CognitoRefusal.None, CognitoTokenCheck.Check(token, [_pool], [], Now, out var claims));
        Assert.Equal("a@example.com", claims["email"]);
        Assert.Equal("42", claims["age"]);
        Assert.Equal(_pool.Issuer, claims["iss"]);
        Assert.Equal(_pool.ClientIds[1], claims["aud"]);
    }

    [Fact]
    public void An_expired_token_is_refused_as_expired() =>
        Assert.Equal(CognitoRefusal.Expired, Check(Token(lifetime: TimeSpan.FromSeconds(-1))));

    [Fact]
    public void Another_pools_token_a_tampered_payload_and_an_unsigned_token_are_refused()
    {
        var foreign = _other.MintToken(new LocalTokenRequest { ClientId = _other.ClientIds[0] });
        Assert.Equal(CognitoRefusal.Unauthorized, Check(foreign));

        var parts = Token().Split('.');
        var payload = Encoding.UTF8.GetString(Convert.FromBase64String(parts[1].Replace('-', '+').Replace('_', '/').PadRight((parts[1].Length + 3) / 4 * 4, '=')));
        var changed = Convert.ToBase64String(Encoding.UTF8.GetBytes(payload.Replace("\"id\"", "\"access\"", StringComparison.Ordinal))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.Equal(CognitoRefusal.Unauthorized, Check($"{parts[0]}.{changed}.{parts[2]}"));

        var none = Convert.ToBase64String("""{"alg":"none"}"""u8.ToArray()).TrimEnd('=');
        Assert.Equal(CognitoRefusal.Unauthorized, Check($"{none}.{parts[1]}."));
        Assert.Equal(CognitoRefusal.Unauthorized, Check("not-a-jwt"));
    }

    [Fact]
    public void Scopes_need_an_access_token_holding_one_and_no_scopes_need_an_ID_token()
    {
        Assert.Equal(CognitoRefusal.Unauthorized, Check(Token(), "pets/read"));
        Assert.Equal(CognitoRefusal.Unauthorized, Check(Token("access", ["pets/write"]), "pets/read"));
        Assert.Equal(CognitoRefusal.None, Check(Token("access", ["pets/write", "pets/read"]), "pets/read"));
        Assert.Equal(CognitoRefusal.Unauthorized, Check(Token("access", ["pets/read"])));
    }

    [Fact]
    public void The_pool_refuses_to_sign_for_a_client_it_does_not_have() =>
        Assert.Throws<ArgumentException>(() => Token(client: "someone-else"));
}
