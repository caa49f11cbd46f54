namespace ApiGatewayTools.Engine.Domain;

/// <summary>The verbs API Gateway accepts for a method; ANY matches every verb.</summary>
public static class HttpVerb
{
    public const string InvalidErrorId = "InvalidHttpMethod";
    public static readonly IReadOnlyList<string> MethodVerbs = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"];

    /// <summary>Upper-cases and checks a method verb (ANY allowed unless <paramref name="allowAny"/> is false, as for a backend's verb).</summary>
    public static string Normalize(string? verb, string parameterName = "HttpMethod", bool allowAny = true)
    {
        var upper = verb?.Trim().ToUpperInvariant() ?? "";
        if (MethodVerbs.Contains(upper) && (allowAny || upper != "ANY"))
        {
            return upper;
        }

        var allowed = string.Join(", ", allowAny ? MethodVerbs : MethodVerbs.Where(v => v != "ANY"));
        throw new GwValidationException(InvalidErrorId, parameterName, $"'{verb}' is not an HTTP method API Gateway accepts here; use one of {allowed}.");
    }
}
