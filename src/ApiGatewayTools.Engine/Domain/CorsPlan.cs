using System.Text.RegularExpressions;

namespace ApiGatewayTools.Engine.Domain;

/// <summary>What Enable-GwCors allows; the defaults are AWS console's.</summary>
public sealed partial record CorsSettings
{
    public const string InvalidOriginErrorId = "InvalidCorsOrigin";
    public const string InvalidHeaderErrorId = "InvalidCorsHeader";

    /// <summary>The header list API Gateway's console enables CORS with.</summary>
    public static readonly IReadOnlyList<string> ConsoleAllowHeaders = ["Content-Type", "X-Amz-Date", "Authorization", "X-Api-Key", "X-Amz-Security-Token"];

    public IReadOnlyList<string> AllowOrigins { get; init; } = ["*"];
    /// <summary>Null: each resource's own methods and OPTIONS.</summary>
    public IReadOnlyList<string>? AllowMethods { get; init; }
    public IReadOnlyList<string> AllowHeaders { get; init; } = ConsoleAllowHeaders;
    public IReadOnlyList<string> ExposeHeaders { get; init; } = [];
    public int? MaxAge { get; init; }
    public bool AllowCredentials { get; init; }

    /// <summary>Several origins: a static mapping holds one value, so the answer echoes the caller's origin when it is one of them.</summary>
    public bool EchoesOrigin => AllowOrigins.Count > 1;

    /// <summary>The Access-Control-Allow-Origin a static mapping carries: the only origin, or the first of several.</summary>
    public string StaticOrigin => AllowOrigins[0];

    public CorsSettings Validate()
    {
        if (AllowOrigins.Count == 0)
        {
            throw new GwValidationException(InvalidOriginErrorId, "AllowOrigin", "-AllowOrigin needs at least one origin, e.g. -AllowOrigin https://app.example.com, or '*' for any.");
        }
        foreach (var origin in AllowOrigins)
        {
            if (origin == "*" ? AllowOrigins.Count > 1 : !OriginPattern().IsMatch(origin))
            {
                throw new GwValidationException(InvalidOriginErrorId, "AllowOrigin",
                    $"'{origin}' is not an origin a browser sends: write scheme://host[:port] with no path or trailing slash " +
                    "(e.g. https://app.example.com or http://localhost:8080), or '*' alone for any origin.");
            }
        }
        if (AllowCredentials && AllowOrigins[0] == "*")
        {
            throw new GwValidationException(InvalidOriginErrorId, "AllowOrigin",
                "Browsers refuse credentials from an API that allows any origin ('*'): with -AllowCredentials name the origins, e.g. -AllowOrigin https://app.example.com.");
        }
        foreach (var verb in AllowMethods ?? [])
        {
            HttpVerb.Normalize(verb, "AllowMethod");
        }
        foreach (var (header, parameter) in AllowHeaders.Select(h => (h, "AllowHeader")).Concat(ExposeHeaders.Select(h => (h, "ExposeHeader"))))
        {
            if (!HeaderPattern().IsMatch(header))
            {
                throw new GwValidationException(InvalidHeaderErrorId, parameter,
                    $"'{header}' is not a header name: use letters, digits and '-', e.g. -{parameter} X-Request-Id.");
            }
        }
        if (MaxAge is < 0)
        {
            throw new GwValidationException(InvalidHeaderErrorId, "MaxAge", "-MaxAge is a number of seconds, 0 or more.");
        }
        return this;
    }

    [GeneratedRegex(@"^https?://[A-Za-z0-9.-]+(:\d{1,5})?$")]
    private static partial Regex OriginPattern();

    [GeneratedRegex(@"^[A-Za-z0-9-]+$")]
    private static partial Regex HeaderPattern();
}

/// <summary>The requests that enable CORS, and what the caller must do itself (proxy integrations, methods without one).</summary>
public sealed record CorsPlan(GwPlan Plan, IReadOnlyList<string> Warnings, IReadOnlyList<string> Paths);

/// <summary>
/// Plans CORS for resources as API Gateway's console enables it: an OPTIONS MOCK method (no authorization, no
/// API key) answering the preflight with the Access-Control-* headers, and Access-Control-Allow-Origin on every
/// response of each non-proxy method. What is already in place is not sent again, so a second run plans nothing.
/// </summary>
public static class CorsWorkflow
{
    private const string Options = "OPTIONS";
    private const string AllowOrigin = "Access-Control-Allow-Origin";
    private static readonly string MockTemplate = "{\"statusCode\": 200}";

    /// <summary>The gateway responses that carry Access-Control-Allow-Origin, so a page can read API Gateway's own errors.</summary>
    public static readonly IReadOnlyList<string> ErrorResponseTypes = ["DEFAULT_4XX", "DEFAULT_5XX"];

    /// <param name="errorResponses">The API's current response of each of <see cref="ErrorResponseTypes"/> (default or custom).</param>
    public static CorsPlan For(string restApiId, IReadOnlyList<RestApiResource> resources, CorsSettings settings, IReadOnlyList<GatewayResponse> errorResponses)
    {
        settings.Validate();
        var plan = new GwPlan();
        var warnings = new List<string>();
        foreach (var current in errorResponses.OrderBy(r => r.ResponseType, StringComparer.Ordinal))
        {
            AddErrorHeaders(plan, restApiId, current, settings);
        }
        foreach (var resource in resources.OrderBy(r => r.Path, StringComparer.Ordinal))
        {
            AddPreflight(plan, restApiId, resource, settings);
            foreach (var method in resource.HttpMethods.Where(v => v != Options).Select(v => resource.ResourceMethods[v]))
            {
                AddAllowOrigin(plan, restApiId, resource, method, settings, warnings);
            }
        }
        return new CorsPlan(plan, warnings, resources.Select(r => r.Path).Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// The VTL that answers a caller from one of several allowed origins with its own origin (a static mapping
    /// holds one value). <c>$context.responseOverride</c> replaces the static mapping after the template ran.
    /// </summary>
    public static string EchoOriginTemplate(CorsSettings settings)
    {
        var allowed = string.Join(" || ", settings.AllowOrigins.Select(o => $"$origin == \"{o}\""));
        // One line, no line break: whatever the template writes after it is the body, unchanged.
        return "#set($origin = $input.params().header.get('Origin'))" +
               $"#if({allowed})#set($context.responseOverride.header[\"{AllowOrigin}\"] = $origin)#end";
    }

    /// <summary>
    /// The response keeps its status and body (API Gateway's default body when it was never customised) and
    /// gains the headers; one already carrying them is left alone.
    /// </summary>
    private static void AddErrorHeaders(GwPlan plan, string restApiId, GatewayResponse current, CorsSettings settings)
    {
        var parameters = new Dictionary<string, string>(current.ResponseParameters, StringComparer.Ordinal);
        foreach (var (name, value) in ResponseHeaders(settings))
        {
            parameters[GatewayResponseTypes.HeaderPrefix + name] = $"'{value}'";
        }
        var statusCode = int.TryParse(current.StatusCode, System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : (int?)null;
        var wanted = new GatewayResponseSettings(current.ResponseType, statusCode, parameters, current.ResponseTemplates).Validate();
        if (!wanted.IsSetOn(current))
        {
            plan.Add(ApiGatewayOperations.PutGatewayResponse(restApiId, wanted));
        }
    }

    private static void AddPreflight(GwPlan plan, string restApiId, RestApiResource resource, CorsSettings settings)
    {
        var existing = resource.ResourceMethods.GetValueOrDefault(Options);
        if (existing is null)
        {
            plan.Add(ApiGatewayOperations.PutMethod(new PutMethodRequest { RestApiId = restApiId, ResourceId = resource.ResourceId, HttpMethod = Options }));
        }
        else if (existing.AuthorizationType != "NONE" || existing.ApiKeyRequired)
        {
            // Browsers send the preflight without credentials or keys: it must be open.
            plan.Add(ApiGatewayOperations.UpdateMethod(restApiId, resource.ResourceId, Options,
                [new("replace", "/authorizationType", "NONE"), new("replace", "/apiKeyRequired", "false")]));
        }

        var integration = existing?.Integration;
        var putIntegration = integration is null || integration.Type != "MOCK"
            || integration.RequestTemplates.GetValueOrDefault("application/json") != MockTemplate;
        if (putIntegration)
        {
            plan.Add(ApiGatewayOperations.PutIntegration(new PutIntegrationRequest
            {
                RestApiId = restApiId, ResourceId = resource.ResourceId, HttpMethod = Options, Type = "MOCK",
                RequestTemplates = new Dictionary<string, string> { ["application/json"] = MockTemplate },
            }));
        }

        var headers = PreflightHeaders(resource, settings);
        var methodResponse = new PutMethodResponseRequest
        {
            RestApiId = restApiId, ResourceId = resource.ResourceId, HttpMethod = Options, StatusCode = "200",
            ResponseParameters = headers.ToDictionary(h => ResponseRules.HeaderPrefix + h.Key, _ => false),
            ResponseModels = new Dictionary<string, string> { ["application/json"] = "Empty" },
        };
        AddMethodResponse(plan, methodResponse, existing?.MethodResponses.GetValueOrDefault("200"));

        var integrationResponse = new PutIntegrationResponseRequest
        {
            RestApiId = restApiId, ResourceId = resource.ResourceId, HttpMethod = Options, StatusCode = "200",
            ResponseParameters = headers.ToDictionary(h => ResponseRules.HeaderPrefix + h.Key, h => $"'{h.Value}'"),
            ResponseTemplates = new Dictionary<string, string> { ["application/json"] = settings.EchoesOrigin ? EchoOriginTemplate(settings) : "" },
        };
        var current = putIntegration ? null : integration!.IntegrationResponses.GetValueOrDefault("200");
        if (current is null)
        {
            plan.Add(ApiGatewayOperations.PutIntegrationResponse(integrationResponse));
        }
        else if (IntegrationResponsePlan.Changes(integrationResponse, current) is { Count: > 0 } patch)
        {
            plan.Add(ApiGatewayOperations.UpdateIntegrationResponse(restApiId, resource.ResourceId, Options, "200", patch));
        }
    }

    /// <summary>What the preflight answers: origin, methods, headers, and max age and credentials when asked for.</summary>
    private static SortedDictionary<string, string> PreflightHeaders(RestApiResource resource, CorsSettings settings)
    {
        var methods = settings.AllowMethods?.Select(v => HttpVerb.Normalize(v, "AllowMethod"))
            ?? resource.HttpMethods.SelectMany(v => v == "ANY" ? HttpVerb.MethodVerbs.Where(m => m != "ANY") : [v]).Append(Options);
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [AllowOrigin] = settings.StaticOrigin,
            ["Access-Control-Allow-Methods"] = string.Join(",", methods.Distinct().Order(StringComparer.Ordinal)),
            ["Access-Control-Allow-Headers"] = string.Join(",", settings.AllowHeaders),
        };
        if (settings.MaxAge is { } maxAge)
        {
            headers["Access-Control-Max-Age"] = maxAge.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (settings.AllowCredentials)
        {
            headers["Access-Control-Allow-Credentials"] = "true";
        }
        if (settings.EchoesOrigin)
        {
            headers["Vary"] = "Origin";
        }
        return headers;
    }

    /// <summary>What an actual (non-preflight) answer carries: the origin, the exposed headers, credentials.</summary>
    private static SortedDictionary<string, string> ResponseHeaders(CorsSettings settings)
    {
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal) { [AllowOrigin] = settings.StaticOrigin };
        if (settings.ExposeHeaders.Count > 0)
        {
            headers["Access-Control-Expose-Headers"] = string.Join(",", settings.ExposeHeaders);
        }
        if (settings.AllowCredentials)
        {
            headers["Access-Control-Allow-Credentials"] = "true";
        }
        if (settings.EchoesOrigin)
        {
            headers["Vary"] = "Origin";
        }
        return headers;
    }

    /// <summary>
    /// A non-proxy method's every method response declares the headers and every integration response maps them;
    /// a proxy integration's answer is its backend's own, which the user is told. With several origins each
    /// response template first echoes an allowed caller's origin (an empty template becomes $input.body, which
    /// passes the body as it is).
    /// </summary>
    private static void AddAllowOrigin(GwPlan plan, string restApiId, RestApiResource resource, Method method, CorsSettings settings, List<string> warnings)
    {
        var target = $"{method.HttpMethod} {resource.Path}";
        if (method.Integration is not { } integration)
        {
            warnings.Add($"{target} has no integration yet, so it has no responses to carry {AllowOrigin}: set its integration, then run Enable-GwCors again.");
            return;
        }
        if (integration.Type is "AWS_PROXY" or "HTTP_PROXY")
        {
            var who = integration.Type == "AWS_PROXY" ? "its Lambda function" : "its HTTP backend";
            warnings.Add($"{target} is a proxy integration: API Gateway passes {who}'s answer through, so {who} must return " +
                $"{string.Join(", ", ResponseHeaders(settings).Keys)} itself (e.g. '{AllowOrigin}': '{settings.StaticOrigin}').");
            return;
        }

        var headers = ResponseHeaders(settings);
        foreach (var response in method.MethodResponses.Values.OrderBy(r => r.StatusCode, StringComparer.Ordinal))
        {
            AddMethodResponse(plan, new PutMethodResponseRequest
            {
                RestApiId = restApiId, ResourceId = resource.ResourceId, HttpMethod = method.HttpMethod, StatusCode = response.StatusCode,
                ResponseParameters = headers.ToDictionary(h => ResponseRules.HeaderPrefix + h.Key, h => response.ResponseParameters.GetValueOrDefault(ResponseRules.HeaderPrefix + h.Key)),
            }, response);
        }
        foreach (var response in integration.IntegrationResponses.Values.OrderBy(r => r.StatusCode, StringComparer.Ordinal))
        {
            if (!method.MethodResponses.ContainsKey(response.StatusCode))
            {
                continue;
            }
            var wanted = new PutIntegrationResponseRequest
            {
                RestApiId = restApiId, ResourceId = resource.ResourceId, HttpMethod = method.HttpMethod, StatusCode = response.StatusCode,
                ResponseParameters = headers.ToDictionary(h => ResponseRules.HeaderPrefix + h.Key, h => $"'{h.Value}'"),
                ResponseTemplates = settings.EchoesOrigin ? EchoingTemplates(response.ResponseTemplates, EchoOriginTemplate(settings)) : null,
            };
            if (IntegrationResponsePlan.Changes(wanted, response) is { Count: > 0 } patch)
            {
                plan.Add(ApiGatewayOperations.UpdateIntegrationResponse(restApiId, resource.ResourceId, method.HttpMethod, response.StatusCode, patch));
            }
        }
    }

    private static Dictionary<string, string> EchoingTemplates(IReadOnlyDictionary<string, string> templates, string echo)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (contentType, template) in templates)
        {
            result[contentType] = template.StartsWith(echo, StringComparison.Ordinal) ? template
                : echo + (template.Length == 0 ? "$input.body" : template);
        }
        return result;
    }

    private static void AddMethodResponse(GwPlan plan, PutMethodResponseRequest wanted, MethodResponse? current)
    {
        if (current is null)
        {
            plan.Add(ApiGatewayOperations.PutMethodResponse(wanted));
        }
        else if (MethodResponsePlan.Changes(wanted, current) is { Count: > 0 } patch)
        {
            plan.Add(ApiGatewayOperations.UpdateMethodResponse(wanted.RestApiId, wanted.ResourceId, wanted.HttpMethod, wanted.StatusCode, patch));
        }
    }
}
