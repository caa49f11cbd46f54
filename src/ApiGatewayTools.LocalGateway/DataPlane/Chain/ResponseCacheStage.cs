using System.Text;
using ApiGatewayTools.LocalGateway.DataPlane.Practices;

namespace ApiGatewayTools.LocalGateway.DataPlane.Chain;

/// <summary>Where the integration's answer is to be kept once it comes: set by <see cref="ResponseCacheStage"/> on a miss.</summary>
internal sealed record PendingCacheEntry(string Key, long Generation, int TtlInSeconds);

/// <summary>
/// The stage cache, just before the integration. A method caches when its stage has a cache cluster and its
/// method settings enable caching with a TTL above 0 (the stage's default covers GET only). The key is the
/// API, stage, deployment, verb and resource path, plus the values of the integration's cacheKeyParameters
/// (method.request.path/querystring/header...): as on AWS, a path parameter that is not declared there does
/// not tell answers apart. A hit answers without reaching the integration; a miss keeps the integration's
/// answer (not the gateway's own errors, nor answers over 1 MB). A canary request uses the cache only when
/// the canary's useStageCache says so.
/// </summary>
/// <remarks>
/// Cache-Control: max-age=0 asks for a fresh answer, which then replaces the cached one. With
/// requireAuthorizationForCacheControl only a caller allowed execute-api:InvalidateCache may; locally that is
/// any SigV4-signed caller. Others get what unauthorizedCacheControlHeaderStrategy says: a 403, or the cached
/// answer with or without a Warning header saying the header was ignored.
/// </remarks>
internal sealed class ResponseCacheStage(ResponseCache cache) : IInvokeStage, IAnswerObserver
{
    /// <summary>What the client is told when its Cache-Control header was ignored (SUCCEED_WITH_RESPONSE_HEADER).</summary>
    public const string IgnoredCacheControlWarning = "199 - \"Cache-control headers were ignored because the caller was unauthorized.\"";

    public ValueTask<MethodResult?> RunAsync(InvokeContext context, CancellationToken ct)
    {
        var stage = context.Stage;
        if (context.Canary && stage.Canary is not { UseStageCache: true })
        {
            return default;
        }
        var request = context.Request;
        var integration = context.Method.Integration!;
        if (StagePractices.For(stage).Method(context.Match.ResourcePath, context.Method.HttpMethod).CacheFor(request.HttpMethod) is not { } policy)
        {
            return default;
        }
        var key = Key(context, integration.CacheKeyParameters);
        var fresh = false;
        if (AsksForFreshAnswer(request))
        {
            if (!policy.RequireAuthorizationForCacheControl || IsSigned(request))
            {
                fresh = true;
            }
            else
            {
                switch (policy.UnauthorizedStrategy)
                {
                    case UnauthorizedCacheControl.FailWith403:
                        return new(MethodResult.GatewayError(GatewayFailure.Forbidden,
                            "the caller may not invalidate the cache (Cache-Control: max-age=0 without authorization)"));
                    case UnauthorizedCacheControl.SucceedWithResponseHeader:
                        context.CacheControlIgnored = true;
                        break;
                }
            }
        }
        if (!fresh && cache.TryGet(key, stage.CacheGeneration, out var hit))
        {
            context.Cache = CacheOutcome.Hit;
            return new(context.CacheControlIgnored ? WithWarning(hit) : hit);
        }
        context.Cache = CacheOutcome.Miss;
        context.CacheStore = new PendingCacheEntry(key, stage.CacheGeneration, policy.TtlInSeconds);
        return default;
    }

    public MethodResult Answered(InvokeContext context, MethodResult answer)
    {
        if (context.CacheStore is { } pending && answer.GatewayFailure is null)
        {
            cache.Store(pending.Key, pending.Generation, pending.TtlInSeconds, answer);
        }
        return context.CacheControlIgnored ? WithWarning(answer) : answer;
    }

    private static MethodResult WithWarning(MethodResult answer) =>
        new(answer.StatusCode, [.. answer.Headers, new("Warning", IgnoredCacheControlWarning)], answer.Body, answer.Failure);

    private static bool AsksForFreshAnswer(InvocationRequest request) =>
        request.Headers.GetValues("Cache-Control") is { } values
        && values.Any(value => value.Split(',').Any(directive => directive.Trim().Equals("max-age=0", StringComparison.OrdinalIgnoreCase)));

    private static bool IsSigned(InvocationRequest request) =>
        request.Headers["Authorization"]?.StartsWith("AWS4-HMAC-SHA256 ", StringComparison.Ordinal) == true;

    /// <summary>The entry's key; parts are separated by a character no URL or header carries.</summary>
    private static string Key(InvokeContext context, List<string> cacheKeyParameters)
    {
        const char Separator = '\u001f';
        var stage = context.Stage;
        var request = context.Request;
        var key = new StringBuilder(128)
            .Append(stage.RestApiId).Append(Separator).Append(stage.StageName).Append(Separator).Append(stage.DeploymentId)
            .Append(Separator).Append(request.HttpMethod).Append(Separator).Append(context.Match.ResourcePath);
        foreach (var parameter in cacheKeyParameters)
        {
            key.Append(Separator).Append(parameter).Append('=');
            foreach (var value in ParameterValues(context, parameter))
            {
                key.Append(value).Append(Separator);
            }
        }
        return key.ToString();
    }

    private static IEnumerable<string> ParameterValues(InvokeContext context, string parameter)
    {
        const string Prefix = "method.request.";
        if (!parameter.StartsWith(Prefix, StringComparison.Ordinal))
        {
            yield break;
        }
        var dot = parameter.IndexOf('.', Prefix.Length);
        if (dot < 0)
        {
            yield break;
        }
        var location = parameter[Prefix.Length..dot];
        var name = parameter[(dot + 1)..];
        var request = context.Request;
        switch (location)
        {
            case "path":
                if (context.Match.PathParameters.TryGetValue(name, out var pathValue))
                {
                    yield return pathValue;
                }
                break;
            case "querystring" or "multivaluequerystring":
                foreach (var (queryName, value) in request.Query)
                {
                    if (queryName == name)
                    {
                        yield return value;
                    }
                }
                break;
            case "header" or "multivalueheader":
                foreach (var value in request.Headers.GetValues(name) ?? [])
                {
                    yield return value;
                }
                break;
        }
    }
}
