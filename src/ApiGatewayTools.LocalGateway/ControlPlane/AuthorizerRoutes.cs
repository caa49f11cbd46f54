using System.Text.Json;
using System.Text.RegularExpressions;
using ApiGatewayTools.LocalGateway.Http;
using ApiGatewayTools.LocalGateway.Json;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway.ControlPlane;

/// <summary>An authorizer of one REST API: a Lambda function (TOKEN, REQUEST) or Cognito user pools.</summary>
internal sealed record AuthorizerRecord
{
    public AuthorizerRecord()
    {
    }

    private AuthorizerRecord(AuthorizerRecord original)
    {
        Id = original.Id;
        Name = original.Name;
        Type = original.Type;
        AuthorizerUri = original.AuthorizerUri;
        AuthorizerCredentials = original.AuthorizerCredentials;
        ProviderArns = [.. original.ProviderArns];
        AuthType = original.AuthType;
        IdentitySource = original.IdentitySource;
        IdentityValidationExpression = original.IdentityValidationExpression;
        ResultTtlInSeconds = original.ResultTtlInSeconds;
    }

    public required string Id { get; init; }
    public required string Name { get; set; }
    public required string Type { get; set; }
    public string? AuthorizerUri { get; set; }
    public string? AuthorizerCredentials { get; set; }
    public List<string> ProviderArns { get; set; } = [];
    public string? AuthType { get; set; }
    public string? IdentitySource { get; set; }
    public string? IdentityValidationExpression { get; set; }
    public int ResultTtlInSeconds { get; set; } = AuthorizerRoutes.DefaultResultTtlInSeconds;

    public bool IsLambda => Type is "TOKEN" or "REQUEST";

    /// <summary>The identity sources, each trimmed, in the order given.</summary>
    public IReadOnlyList<string> IdentitySources =>
        IdentitySource?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}

/// <summary>
/// CreateAuthorizer, GetAuthorizers, GetAuthorizer, UpdateAuthorizer and DeleteAuthorizer: the kind's record, JSON,
/// patch paths, rules and routes in one place. Authorizers live in their API's store; methods name one by
/// authorizerId, and an authorizer cannot be deleted while one does. Running one is the data plane's
/// (<see cref="DataPlane.Authorization.AuthorizerRunner"/>), for invoke URLs and TestInvokeAuthorizer alike.
/// </summary>
internal sealed partial class AuthorizerRoutes(GatewayState state) : IRouteArea
{
    public const int DefaultResultTtlInSeconds = 300;
    private static readonly string[] Types = ["TOKEN", "REQUEST", "COGNITO_USER_POOLS"];

    [GeneratedRegex(@"^method\.request\.header\.[a-zA-Z0-9._-]+$")]
    private static partial Regex HeaderSource();

    [GeneratedRegex(@"^(method\.request\.(header|querystring|multivalueheader|multivaluequerystring)|stageVariables|context)\.[^\s,]+$")]
    private static partial Regex RequestSource();

    [GeneratedRegex(@"^arn:aws[a-zA-Z-]*:apigateway:[a-z0-9-]+:lambda:path/2015-03-31/functions/.+/invocations$")]
    private static partial Regex LambdaUri();

    public void Register(Router router) =>
        router.MapCollection("Authorizer", "/restapis/{restapi_id}/authorizers", "authorizer_id", Create, List, Get, Update, Delete);

    /// <summary>
    /// What PutMethod and UpdateMethod check: a method may not name a Lambda authorizer of its API for Cognito
    /// authorization or a Cognito one for CUSTOM. An id the API does not have is accepted here, as the local gateway
    /// always has (the cmdlets refuse one before sending); at an invoke URL it is an authorizer configuration error.
    /// </summary>
    public static void EnsureFits(RestApiRecord api, string authorizationType, string? authorizerId)
    {
        // An id the API does not have is refused as AWS refuses it, whichever of the two types was asked for.
        if (authorizerId is not null && authorizationType is ("CUSTOM" or "COGNITO_USER_POOLS") && !api.Authorizers.ContainsKey(authorizerId))
        {
            throw GatewayError.BadRequest(
                "Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.");
        }
        if (authorizerId is not null && authorizationType is ("CUSTOM" or "COGNITO_USER_POOLS")
            && api.Authorizers.TryGetValue(authorizerId, out var authorizer)
            && (authorizationType == "COGNITO_USER_POOLS") != (authorizer.Type == "COGNITO_USER_POOLS"))
        {
            throw GatewayError.BadRequest($"Invalid authorizer ID specified. Setting the authorization type to {authorizationType} requires a valid authorizer.");
        }
    }

    private GatewayResponse Create(GatewayRequest request)
    {
        var body = request.Json;
        var authorizer = new AuthorizerRecord
        {
            Id = "",
            Name = JsonRead.String(body, "name") ?? throw GatewayError.BadRequest("Invalid authorizer name specified"),
            Type = JsonRead.String(body, "type") ?? throw GatewayError.BadRequest("Invalid authorizer type specified"),
            AuthorizerUri = JsonRead.String(body, "authorizerUri"),
            AuthorizerCredentials = JsonRead.String(body, "authorizerCredentials"),
            ProviderArns = JsonRead.StringList(body, "providerARNs") ?? [],
            AuthType = JsonRead.String(body, "authType"),
            IdentitySource = JsonRead.String(body, "identitySource"),
            IdentityValidationExpression = JsonRead.String(body, "identityValidationExpression"),
        };
        if (JsonRead.Int(body, "authorizerResultTtlInSeconds") is { } ttl)
        {
            authorizer.ResultTtlInSeconds = ttl;
        }
        if (authorizer.Type == "COGNITO_USER_POOLS" && authorizer.IdentitySource is null)
        {
            authorizer.IdentitySource = "method.request.header.Authorization";
        }
        Validate(authorizer);
        lock (state.Sync)
        {
            var authorizers = state.RestApis.Get(request.Route("restapi_id")).Authorizers;
            var created = authorizers.Add(authorizer with { Id = authorizers.NewId(IdGenerator.NewResourceId) });
            return GatewayResponse.Json(201, w => Write(w, created));
        }
    }

    private GatewayResponse List(GatewayRequest request)
    {
        lock (state.Sync)
        {
            return Authorizers(request).Page(request, Write);
        }
    }

    private GatewayResponse Get(GatewayRequest request)
    {
        lock (state.Sync)
        {
            var authorizer = Authorizers(request).Get(request.Route("authorizer_id"));
            return GatewayResponse.Json(200, w => Write(w, authorizer));
        }
    }

    private GatewayResponse Update(GatewayRequest request)
    {
        var operations = PatchOperation.ReadAll(request.Json);
        lock (state.Sync)
        {
            var authorizers = Authorizers(request);
            var authorizer = authorizers.Replace(PatchOperation.ApplyAll(operations, authorizers.Get(request.Route("authorizer_id")) with { }, Apply, Validate));
            return GatewayResponse.Json(200, w => Write(w, authorizer));
        }
    }

    private GatewayResponse Delete(GatewayRequest request)
    {
        lock (state.Sync)
        {
            var api = state.RestApis.Get(request.Route("restapi_id"));
            var authorizer = api.Authorizers.Get(request.Route("authorizer_id"));
            var users = api.Resources.Values
                .SelectMany(resource => resource.Methods.Values.Where(m => m.AuthorizerId == authorizer.Id)
                    .Select(m => $"{m.HttpMethod} {ResourceTree.PathOf(api.Resources, resource)}"))
                .ToList();
            if (users.Count > 0)
            {
                throw GatewayError.Conflict($"Cannot delete authorizer '{authorizer.Name}', is referenced in method: {users[0]}");
            }
            api.Authorizers.Remove(authorizer.Id);
            return GatewayResponse.Empty(202);
        }
    }

    private Store<AuthorizerRecord> Authorizers(GatewayRequest request) => state.RestApis.Get(request.Route("restapi_id")).Authorizers;

    internal static void Validate(AuthorizerRecord authorizer)
    {
        if (!Types.Contains(authorizer.Type))
        {
            throw GatewayError.BadRequest($"Invalid authorizer type specified: {authorizer.Type}. Valid options are {string.Join(",", Types)}");
        }
        if (authorizer.ResultTtlInSeconds is < 0 or > 3600)
        {
            throw GatewayError.BadRequest("Authorizer result TTL must be between 0 and 3600 seconds");
        }
        if (authorizer.IsLambda && (authorizer.AuthorizerUri is null || !LambdaUri().IsMatch(authorizer.AuthorizerUri)))
        {
            throw GatewayError.BadRequest($"Invalid Authorizer URI: {authorizer.AuthorizerUri}. Authorizer URI should be a valid API Gateway ARN that represents a Lambda function invocation.");
        }
        if (authorizer.Type == "COGNITO_USER_POOLS" && authorizer.ProviderArns.Count == 0)
        {
            throw GatewayError.BadRequest("ProviderARNs need to be specified for authorizers of type COGNITO_USER_POOLS");
        }
        var sources = authorizer.IdentitySources;
        if (authorizer.Type is "TOKEN" or "COGNITO_USER_POOLS")
        {
            if (sources.Count != 1 || !HeaderSource().IsMatch(sources[0]))
            {
                throw GatewayError.BadRequest(
                    $"Invalid token source expression: {authorizer.IdentitySource}. The source must be a method request header, matching 'method.request.header.[a-zA-Z0-9._-]+'.");
            }
        }
        else if (sources.FirstOrDefault(source => !RequestSource().IsMatch(source)) is { } bad)
        {
            throw GatewayError.BadRequest($"Invalid identity source expression: {bad}");
        }
        if (authorizer.IdentityValidationExpression is { } expression)
        {
            try
            {
                _ = new Regex(expression);
            }
            catch (ArgumentException)
            {
                throw GatewayError.BadRequest($"Invalid identity validation expression: {expression}");
            }
        }
    }

    private static void Apply(AuthorizerRecord authorizer, PatchOperation operation)
    {
        var segments = operation.Segments;
        switch (segments[0])
        {
            case "name" when operation.Op == "replace":
                authorizer.Name = operation.RequiredValue;
                break;
            case "type" when operation.Op == "replace":
                authorizer.Type = operation.RequiredValue;
                break;
            case "authorizerUri" when operation.SetsOrClears:
                authorizer.AuthorizerUri = operation.OptionalValue;
                break;
            case "authorizerCredentials" when operation.SetsOrClears:
                authorizer.AuthorizerCredentials = operation.OptionalValue;
                break;
            case "authType" when operation.SetsOrClears:
                authorizer.AuthType = operation.OptionalValue;
                break;
            case "identitySource" when operation.SetsOrClears:
                authorizer.IdentitySource = string.IsNullOrEmpty(operation.OptionalValue) ? null : operation.OptionalValue;
                break;
            case "identityValidationExpression" when operation.SetsOrClears:
                authorizer.IdentityValidationExpression = string.IsNullOrEmpty(operation.OptionalValue) ? null : operation.OptionalValue;
                break;
            case "authorizerResultTtlInSeconds" when operation.Op == "replace":
                authorizer.ResultTtlInSeconds = operation.IntValue;
                break;
            case "providerARNs" when segments.Count == 2 && operation.Op == "add":
                if (!authorizer.ProviderArns.Contains(segments[1]))
                {
                    authorizer.ProviderArns.Add(segments[1]);
                }
                break;
            case "providerARNs" when segments.Count == 2 && operation.Op == "remove":
                authorizer.ProviderArns.Remove(segments[1]);
                break;
            default:
                throw operation.Unsupported();
        }
    }

    private static void Write(Utf8JsonWriter writer, AuthorizerRecord authorizer)
    {
        writer.WriteString("id", authorizer.Id);
        writer.WriteString("name", authorizer.Name);
        writer.WriteString("type", authorizer.Type);
        writer.OptionalList("providerARNs", authorizer.ProviderArns.Count == 0 ? null : authorizer.ProviderArns);
        writer.OptionalString("authType", authorizer.AuthType ?? (authorizer.IsLambda ? "custom" : "cognito_user_pools"));
        writer.OptionalString("authorizerUri", authorizer.AuthorizerUri);
        writer.OptionalString("authorizerCredentials", authorizer.AuthorizerCredentials);
        writer.OptionalString("identitySource", authorizer.IdentitySource);
        writer.OptionalString("identityValidationExpression", authorizer.IdentityValidationExpression);
        writer.WriteNumber("authorizerResultTtlInSeconds", authorizer.ResultTtlInSeconds);
    }
}
