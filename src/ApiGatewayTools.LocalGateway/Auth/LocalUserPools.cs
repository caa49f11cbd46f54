using System.Collections.Concurrent;
using ApiGatewayTools.LocalGateway.ControlPlane;
using ApiGatewayTools.LocalGateway.Http;

namespace ApiGatewayTools.LocalGateway.Auth;

/// <summary>
/// The user pools a local gateway hosts, by id; read by COGNITO_USER_POOLS authorizers on every request (no lock),
/// and their JWKS served unsigned at /{poolId}/.well-known/jwks.json, as Cognito serves them under the issuer.
/// </summary>
internal sealed class LocalUserPools : IRouteArea, IDisposable
{
    private readonly ConcurrentDictionary<string, LocalUserPool> _pools = new(StringComparer.Ordinal);

    public IReadOnlyList<LocalUserPool> All => _pools.Values.OrderBy(pool => pool.Name, StringComparer.Ordinal).ToList();

    public LocalUserPool Create(string name, int clientCount)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A user pool needs a name.", nameof(name));
        }
        if (clientCount is < 1 or > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(clientCount), clientCount, "A local user pool has 1 to 10 app clients.");
        }
        var pool = new LocalUserPool(name, clientCount);
        _pools[pool.Id] = pool;
        return pool;
    }

    /// <summary>The pool a provider ARN names, when this gateway hosts it.</summary>
    public LocalUserPool? FindByArn(string providerArn)
    {
        var slash = providerArn.LastIndexOf('/');
        return slash >= 0 && _pools.TryGetValue(providerArn[(slash + 1)..], out var pool) && pool.ProviderArn == providerArn ? pool : null;
    }

    public void Register(Router router) =>
        router.Map("GET", "/{pool_id}/.well-known/jwks.json", "GetUserPoolJwks", (request, _) =>
            Task.FromResult(_pools.TryGetValue(request.Route("pool_id"), out var pool)
                ? GatewayResponse.Json(200, pool.WriteJwks)
                : throw new GatewayError(404, "ResourceNotFoundException", $"User pool {request.Route("pool_id")} does not exist.")),
            requiresSignature: false);

    public void Dispose()
    {
        foreach (var pool in _pools.Values)
        {
            pool.Dispose();
        }
    }
}
