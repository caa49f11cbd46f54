namespace ApiGatewayTools.Engine.Domain;

/// <summary>
/// Whether what a method has already is what a put would make, so that a re-run sends nothing for it. A value the
/// request leaves out counts as API Gateway's default; when in doubt it is "not in place", which costs one put.
/// </summary>
public static class IntegrationInPlace
{
    private const int DefaultTimeoutInMillis = 29000;

    public static bool Matches(Integration existing, PutIntegrationRequest wanted) =>
        existing.Type == wanted.Type
        && existing.IntegrationHttpMethod == wanted.IntegrationHttpMethod
        && existing.Uri == wanted.Uri
        && existing.Credentials == wanted.Credentials
        && (existing.PassthroughBehavior ?? IntegrationOptions.WhenNoMatch) == (wanted.PassthroughBehavior ?? IntegrationOptions.WhenNoMatch)
        && existing.ContentHandling == wanted.ContentHandling
        && (existing.TimeoutInMillis ?? DefaultTimeoutInMillis) == (wanted.TimeoutInMillis ?? DefaultTimeoutInMillis)
        && existing.ConnectionType is null or "INTERNET"
        && existing.ConnectionId is null
        && SameMap(existing.RequestParameters, wanted.RequestParameters)
        && SameMap(existing.RequestTemplates, wanted.RequestTemplates)
        && existing.CacheKeyParameters.Order(StringComparer.Ordinal).SequenceEqual((wanted.CacheKeyParameters ?? []).Order(StringComparer.Ordinal));

    public static bool Matches(MethodResponse? existing, PutMethodResponseRequest wanted) =>
        existing is not null
        && SameMap(existing.ResponseParameters, wanted.ResponseParameters)
        && SameMap(existing.ResponseModels, wanted.ResponseModels);

    public static bool Matches(IntegrationResponse? existing, PutIntegrationResponseRequest wanted) =>
        existing is not null
        && (existing.SelectionPattern ?? "") == (wanted.SelectionPattern ?? "")
        && existing.ContentHandling == wanted.ContentHandling
        && SameMap(existing.ResponseParameters, wanted.ResponseParameters)
        && SameMap(existing.ResponseTemplates, wanted.ResponseTemplates);

    private static bool SameMap<T>(IReadOnlyDictionary<string, T> existing, IReadOnlyDictionary<string, T>? wanted)
    {
        wanted ??= new Dictionary<string, T>();
        return existing.Count == wanted.Count
            && wanted.All(pair => existing.TryGetValue(pair.Key, out var value) && EqualityComparer<T>.Default.Equals(value, pair.Value));
    }
}
