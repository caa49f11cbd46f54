using System.Collections.Concurrent;
using ApiGatewayTools.LocalGateway.DataPlane.Authorization;

namespace ApiGatewayTools.LocalGateway.DataPlane.Chain;

/// <summary>
/// A method with CUSTOM or COGNITO_USER_POOLS authorization runs its deployed authorizer: a missing or invalid
/// identity is 401 before anything is called; a decision is cached per identity for the authorizer's TTL (the
/// function is not called again), and the policy it carries is evaluated against each request's method ARN (403
/// when it does not allow it). What the authorizer said about the caller goes on to the integration and, as
/// <see cref="InvokeContext.UsageIdentifierKey"/>, to the API key check.
/// </summary>
internal sealed class AuthorizerCheck(AuthorizerRunner runner, TimeProvider clock) : IInvokeStage
{
    /// <summary>More identities than this and the cache starts over: a local gateway serves tests, not millions of users.</summary>
    private const int CacheCapacity = 10_000;

    private readonly ConcurrentDictionary<(string DeploymentId, string StageName, string AuthorizerId, string Identity), (long ExpiresAt, AuthorizerGrant Grant)> _cache = new();

    public async ValueTask<MethodResult?> RunAsync(InvokeContext context, CancellationToken ct)
    {
        var method = context.Method;
        if (method.AuthorizationType is not ("CUSTOM" or "COGNITO_USER_POOLS") || method.AuthorizerId is null)
        {
            return null;
        }
        var stage = context.Stage;
        if (!stage.Snapshot.Authorizers.TryGetValue(method.AuthorizerId, out var authorizer))
        {
            return MethodResult.GatewayError(GatewayFailure.AuthorizerConfigurationError, $"authorizer {method.AuthorizerId} is not in the deployment");
        }
        var match = context.Match;
        var input = new AuthorizerInput
        {
            Authorizer = authorizer,
            Request = context.Request,
            RestApiId = stage.RestApiId,
            StageName = stage.StageName,
            StageVariables = stage.Variables,
            ResourcePath = match.ResourcePath,
            ResourceId = match.Resource.Id,
            PathParameters = match.PathParameters,
            AuthorizationScopes = method.AuthorizationScopes,
            RequestId = context.RequestId,
        };
        if (AuthorizerRunner.IdentityKey(input) is not { } identity)
        {
            return MethodResult.GatewayError(GatewayFailure.Unauthorized, $"the request lacks authorizer {authorizer.Name}'s identity source ({authorizer.IdentitySource}) or it is not valid");
        }

        // Cognito decisions depend on the method's scopes, so they are not shared across methods through the cache.
        var cacheable = authorizer.ResultTtlInSeconds > 0 && identity.Length > 0 && authorizer.IsLambda;
        var key = (stage.DeploymentId, stage.StageName, authorizer.Id, identity);
        // Timestamps, not wall-clock time: the cache expires as the stage cache does, on the clock's own ticks.
        var now = clock.GetTimestamp();
        AuthorizerGrant grant;
        if (cacheable && _cache.TryGetValue(key, out var cached) && cached.ExpiresAt > now)
        {
            grant = cached.Grant;
        }
        else
        {
            var verdict = await runner.RunAsync(input, null, ct).ConfigureAwait(false);
            if (verdict.Grant is null)
            {
                return MethodResult.GatewayError(verdict.Failure!, verdict.Reason);
            }
            grant = verdict.Grant;
            if (cacheable)
            {
                if (_cache.Count >= CacheCapacity)
                {
                    _cache.Clear();
                }
                _cache[key] = (now + (authorizer.ResultTtlInSeconds * clock.TimestampFrequency), grant);
            }
        }
        if (grant.Refusal(input.MethodArn) is { } refusal)
        {
            return MethodResult.GatewayError(refusal.Failure, refusal.Reason);
        }
        context.Authorizer = grant;
        context.UsageIdentifierKey = grant.UsageIdentifierKey;
        return null;
    }
}
