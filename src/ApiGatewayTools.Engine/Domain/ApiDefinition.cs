using System.Globalization;

namespace ApiGatewayTools.Engine.Domain;

/// <summary>
/// What an API is, normalised so that two definitions compare by value whatever they were read from (a live API,
/// what a stage serves, a document): its routes (path + method) with method settings, integration and responses,
/// and its API-level settings. Defaults AWS fills in are filled in here too, and what AWS derives (a path template's
/// parameters) is left out, so a definition never differs from itself read another way.
/// </summary>
public sealed record ApiDefinition
{
    public ApiDefinition(IEnumerable<ApiRoute> routes, ApiSettings settings, IEnumerable<string>? paths = null)
    {
        Routes = routes.ToDictionary(r => r.Key);
        Settings = settings;
        Paths = new SortedSet<string>(Routes.Keys.SelectMany(k => ResourcePathsOf(k.Path)).Concat((paths ?? []).SelectMany(ResourcePathsOf)), StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<ApiRouteKey, ApiRoute> Routes { get; }
    public ApiSettings Settings { get; }
    /// <summary>Every resource path, with the parents each implies ("/" included).</summary>
    public IReadOnlySet<string> Paths { get; }

    private static IEnumerable<string> ResourcePathsOf(string path)
    {
        yield return "/";
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 1; i <= parts.Length; i++)
        {
            yield return "/" + string.Join('/', parts.Take(i));
        }
    }
}

/// <summary>A route: a path and a method ("ANY" for x-amazon-apigateway-any-method).</summary>
public readonly record struct ApiRouteKey(string Path, string HttpMethod) : IComparable<ApiRouteKey>
{
    public int CompareTo(ApiRouteKey other)
    {
        var byPath = string.CompareOrdinal(Path, other.Path);
        return byPath != 0 ? byPath : string.CompareOrdinal(HttpMethod, other.HttpMethod);
    }

    public override string ToString() => $"{HttpMethod} {Path}";
}

/// <summary>One method of one resource, as a value.</summary>
public sealed record ApiRoute(ApiRouteKey Key)
{
    public string AuthorizationType { get; init; } = "NONE";
    /// <summary>The authorizer's name (ids differ between APIs; names are what a document carries).</summary>
    public string? Authorizer { get; init; }
    public bool ApiKeyRequired { get; init; }
    public string? OperationName { get; init; }
    /// <summary>The request validator's name.</summary>
    public string? RequestValidator { get; init; }
    /// <summary>method.request.{querystring|header}.name → required. Path parameters are the path's own and are not listed.</summary>
    public IReadOnlyDictionary<string, bool> RequestParameters { get; init; } = new Dictionary<string, bool>();
    /// <summary>Content type → model name.</summary>
    public IReadOnlyDictionary<string, string> RequestModels { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<string> AuthorizationScopes { get; init; } = [];
    public IReadOnlyDictionary<string, ApiMethodResponse> MethodResponses { get; init; } = new Dictionary<string, ApiMethodResponse>();
    public ApiIntegration? Integration { get; init; }

    /// <summary>
    /// The route as named properties (e.g. "Integration.Uri", "MethodResponse[200].Models[application/json]"),
    /// each with the kind of difference it makes; two routes differ exactly where these differ.
    /// </summary>
    public IEnumerable<ApiProperty> Properties()
    {
        yield return new(ApiDifferenceKind.Method, "AuthorizationType", AuthorizationType);
        yield return new(ApiDifferenceKind.Method, "Authorizer", Authorizer);
        yield return new(ApiDifferenceKind.Method, "ApiKeyRequired", ApiKeyRequired ? "true" : "false");
        yield return new(ApiDifferenceKind.Method, "OperationName", OperationName);
        yield return new(ApiDifferenceKind.Method, "RequestValidator", RequestValidator);
        yield return new(ApiDifferenceKind.Method, "AuthorizationScopes", AuthorizationScopes.Count == 0 ? null : string.Join(",", AuthorizationScopes.Order(StringComparer.Ordinal)));
        foreach (var (name, required) in RequestParameters)
        {
            yield return new(ApiDifferenceKind.Method, $"RequestParameters[{name}]", required ? "required" : "optional");
        }

        foreach (var (contentType, model) in RequestModels)
        {
            yield return new(ApiDifferenceKind.Method, $"RequestModels[{contentType}]", model);
        }

        foreach (var (status, response) in MethodResponses)
        {
            yield return new(ApiDifferenceKind.MethodResponse, $"MethodResponse[{status}]", "declared");
            foreach (var header in response.Parameters)
            {
                yield return new(ApiDifferenceKind.MethodResponse, $"MethodResponse[{status}].Parameters[{header}]", "declared");
            }

            foreach (var (contentType, model) in response.Models)
            {
                yield return new(ApiDifferenceKind.MethodResponse, $"MethodResponse[{status}].Models[{contentType}]", model);
            }
        }

        if (Integration is { } integration)
        {
            foreach (var property in integration.Properties())
            {
                yield return property;
            }
        }
    }
}

/// <summary>A method response: its declared header parameters and its models by content type.</summary>
public sealed record ApiMethodResponse(IReadOnlyList<string> Parameters, IReadOnlyDictionary<string, string> Models);

/// <summary>An integration, with AWS's defaults filled in (passthrough WHEN_NO_MATCH, timeout 29 s).</summary>
public sealed record ApiIntegration(string Type)
{
    public const int DefaultTimeoutInMillis = 29000;
    public const string DefaultPassthroughBehavior = "WHEN_NO_MATCH";

    public string? Uri { get; init; }
    /// <summary>The backend's verb (AWS's integration httpMethod); none for MOCK.</summary>
    public string? HttpMethod { get; init; }
    public string? Credentials { get; init; }
    public string PassthroughBehavior { get; init; } = DefaultPassthroughBehavior;
    public string? ContentHandling { get; init; }
    public int TimeoutInMillis { get; init; } = DefaultTimeoutInMillis;
    public IReadOnlyDictionary<string, string> RequestParameters { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> RequestTemplates { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<string> CacheKeyParameters { get; init; } = [];
    /// <summary>Keyed by selection pattern ("default" for none), as documents key them.</summary>
    public IReadOnlyDictionary<string, ApiIntegrationResponse> Responses { get; init; } = new Dictionary<string, ApiIntegrationResponse>();

    public IEnumerable<ApiProperty> Properties()
    {
        const ApiDifferenceKind Kind = ApiDifferenceKind.Integration;
        yield return new(Kind, "Integration.Type", Type);
        yield return new(Kind, "Integration.Uri", Uri);
        yield return new(Kind, "Integration.HttpMethod", HttpMethod);
        yield return new(Kind, "Integration.Credentials", Credentials);
        yield return new(Kind, "Integration.PassthroughBehavior", PassthroughBehavior);
        yield return new(Kind, "Integration.ContentHandling", ContentHandling);
        yield return new(Kind, "Integration.TimeoutInMillis", TimeoutInMillis.ToString(CultureInfo.InvariantCulture));
        yield return new(Kind, "Integration.CacheKeyParameters", CacheKeyParameters.Count == 0 ? null : string.Join(",", CacheKeyParameters.Order(StringComparer.Ordinal)));
        foreach (var (name, value) in RequestParameters)
        {
            yield return new(Kind, $"Integration.RequestParameters[{name}]", value);
        }

        foreach (var (contentType, template) in RequestTemplates)
        {
            yield return new(Kind, $"Integration.RequestTemplates[{contentType}]", template);
        }

        foreach (var (pattern, response) in Responses)
        {
            var prefix = $"IntegrationResponse[{pattern}]";
            yield return new(ApiDifferenceKind.IntegrationResponse, prefix + ".StatusCode", response.StatusCode);
            yield return new(ApiDifferenceKind.IntegrationResponse, prefix + ".ContentHandling", response.ContentHandling);
            foreach (var (name, value) in response.Parameters)
            {
                yield return new(ApiDifferenceKind.IntegrationResponse, $"{prefix}.Parameters[{name}]", value);
            }

            foreach (var (contentType, template) in response.Templates)
            {
                yield return new(ApiDifferenceKind.IntegrationResponse, $"{prefix}.Templates[{contentType}]", template);
            }
        }
    }

    /// <summary>The key a response has in <see cref="Responses"/>.</summary>
    public static string PatternKey(string? selectionPattern) => string.IsNullOrEmpty(selectionPattern) ? "default" : selectionPattern;
}

public sealed record ApiIntegrationResponse(string StatusCode, IReadOnlyDictionary<string, string> Parameters, IReadOnlyDictionary<string, string> Templates, string? ContentHandling);

/// <summary>
/// API-level settings. A section that could not be read from where the definition came from (null) is not
/// compared: "unknown" is not "none".
/// </summary>
public sealed record ApiSettings
{
    public IReadOnlyList<string> BinaryMediaTypes { get; init; } = [];
    /// <summary>HEADER (AWS's default) or AUTHORIZER.</summary>
    public string ApiKeySource { get; init; } = "HEADER";
    /// <summary>The resource policy as canonical JSON, or null for none.</summary>
    public string? Policy { get; init; }
    /// <summary>Name → "body,parameters" flags.</summary>
    public IReadOnlyDictionary<string, string>? RequestValidators { get; init; }
    /// <summary>Name → type, identity source and URI, one canonical line.</summary>
    public IReadOnlyDictionary<string, string>? Authorizers { get; init; }
    /// <summary>Name → canonical JSON schema.</summary>
    public IReadOnlyDictionary<string, string>? Models { get; init; }
    /// <summary>Response type → canonical JSON of status, parameters and templates.</summary>
    public IReadOnlyDictionary<string, string>? GatewayResponses { get; init; }

    public IEnumerable<ApiProperty> Properties()
    {
        const ApiDifferenceKind Kind = ApiDifferenceKind.Setting;
        yield return new(Kind, "BinaryMediaTypes", BinaryMediaTypes.Count == 0 ? null : string.Join(",", BinaryMediaTypes.Order(StringComparer.Ordinal)));
        yield return new(Kind, "ApiKeySource", ApiKeySource);
        yield return new(Kind, "Policy", Policy);
        foreach (var (section, map) in Sections())
        {
            foreach (var (name, value) in map ?? new Dictionary<string, string>())
            {
                yield return new(Kind, $"{section}[{name}]", value);
            }
        }
    }

    /// <summary>The named sections, with null for each that was not read.</summary>
    public IEnumerable<(string Name, IReadOnlyDictionary<string, string>? Map)> Sections()
    {
        yield return ("RequestValidator", RequestValidators);
        yield return ("Authorizer", Authorizers);
        yield return ("Model", Models);
        yield return ("GatewayResponse", GatewayResponses);
    }
}

/// <summary>One named property of a definition and the kind of difference it makes.</summary>
public readonly record struct ApiProperty(ApiDifferenceKind Kind, string Name, string? Value);
