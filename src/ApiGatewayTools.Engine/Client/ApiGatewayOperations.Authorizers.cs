using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ApiGatewayTools.Engine.Client;

/// <summary>
/// What an authorizer is to be: checked here, before anything is sent, against the forms API Gateway accepts.
/// Its name is how a script finds it again. <see cref="AuthorizerUri"/> is filled in once the function is found.
/// </summary>
public sealed partial record AuthorizerSettings
{
    public const string InvalidErrorId = "InvalidAuthorizerSettings";
    public const string InvalidIdentitySourceErrorId = "InvalidIdentitySource";
    public const string InvalidTtlErrorId = "InvalidAuthorizerResultTtl";
    public const string InvalidProviderArnErrorId = "InvalidProviderArn";
    public const int MaxResultTtlInSeconds = 3600;
    public const string DefaultIdentitySource = "method.request.header.Authorization";

    public static readonly IReadOnlyList<string> Types = ["TOKEN", "REQUEST", "COGNITO_USER_POOLS"];

    public required string Name { get; init; }
    /// <summary>TOKEN, REQUEST or COGNITO_USER_POOLS.</summary>
    public required string Type { get; init; }
    public string? AuthorizerUri { get; init; }
    public IReadOnlyList<string> ProviderArns { get; init; } = [];
    public IReadOnlyList<string> IdentitySources { get; init; } = [];
    public string? IdentityValidationExpression { get; init; }
    public int? ResultTtlInSeconds { get; init; }

    public bool IsLambda => Type is "TOKEN" or "REQUEST";

    /// <summary>The identity sources as API Gateway keeps them: one comma-separated string; null when there are none.</summary>
    public string? IdentitySource => IdentitySources.Count == 0 ? null : string.Join(",", IdentitySources);

    [GeneratedRegex(@"^(method\.request\.(header|querystring)|stageVariables|context)\.[^\s,]+$")]
    private static partial Regex IdentitySourcePattern();

    [GeneratedRegex(@"^method\.request\.header\.[^\s,]+$")]
    private static partial Regex HeaderSourcePattern();

    [GeneratedRegex(@"^arn:aws[a-zA-Z-]*:cognito-idp:[a-z0-9-]+:\d{12}:userpool/[a-z0-9-]+_[A-Za-z0-9]+$")]
    private static partial Regex UserPoolArnPattern();

    /// <summary>Splits "a, b" and trims: how the cmdlets accept identity sources, as a list or one comma-separated string.</summary>
    public static IReadOnlyList<string> SplitIdentitySources(IEnumerable<string>? sources) =>
        (sources ?? []).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();

    /// <summary>Every rule API Gateway applies to an authorizer, each failing with what to write instead.</summary>
    public AuthorizerSettings Validate()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new GwValidationException(InvalidErrorId, "Name", "An authorizer needs a name, e.g. -Name token-check.");
        }
        if (!Types.Contains(Type))
        {
            throw new GwValidationException(InvalidErrorId, "Type", $"-Type '{Type}' is not an authorizer type; use TOKEN, REQUEST or COGNITO_USER_POOLS.");
        }
        ValidateResultTtl(ResultTtlInSeconds);
        foreach (var source in IdentitySources)
        {
            if (!IdentitySourcePattern().IsMatch(source))
            {
                throw new GwValidationException(InvalidIdentitySourceErrorId, "IdentitySource",
                    $"Identity source '{source}' is not in a form API Gateway accepts: write method.request.header.Name, method.request.querystring.name, stageVariables.name or context.name.");
            }
        }
        if (Type is "TOKEN" or "COGNITO_USER_POOLS" && (IdentitySources.Count != 1 || !HeaderSourcePattern().IsMatch(IdentitySources[0])))
        {
            throw new GwValidationException(InvalidIdentitySourceErrorId, "IdentitySource",
                $"A {Type} authorizer reads the caller's token from one header: write -IdentitySource method.request.header.Name (default {DefaultIdentitySource}).");
        }
        if (Type == "REQUEST" && IdentitySources.Count == 0 && ResultTtlInSeconds is not 0)
        {
            throw new GwValidationException(InvalidIdentitySourceErrorId, "IdentitySource",
                "A REQUEST authorizer that caches its decisions needs at least one -IdentitySource (the cache key), e.g. method.request.header.Auth; or use -ResultTtlInSeconds 0.");
        }
        if (IdentityValidationExpression is not null)
        {
            if (Type != "TOKEN")
            {
                throw new GwValidationException(InvalidErrorId, "IdentityValidationExpression", "-IdentityValidationExpression applies only to TOKEN authorizers.");
            }
            try
            {
                _ = new Regex(IdentityValidationExpression);
            }
            catch (ArgumentException e)
            {
                throw new GwValidationException(InvalidErrorId, "IdentityValidationExpression",
                    $"-IdentityValidationExpression '{IdentityValidationExpression}' is not a regular expression: {e.Message}");
            }
        }
        if (Type == "COGNITO_USER_POOLS")
        {
            if (ProviderArns.Count == 0)
            {
                throw new GwValidationException(InvalidProviderArnErrorId, "ProviderArn",
                    "A COGNITO_USER_POOLS authorizer needs -ProviderArn: the ARN of a user pool (arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbCdEf).");
            }
            foreach (var arn in ProviderArns.Where(arn => !UserPoolArnPattern().IsMatch(arn)))
            {
                throw new GwValidationException(InvalidProviderArnErrorId, "ProviderArn",
                    $"'{arn}' is not a user pool ARN; write arn:aws:cognito-idp:region:account:userpool/region_Id (New-GwLocalUserPool prints one).");
            }
        }
        else if (ProviderArns.Count > 0)
        {
            throw new GwValidationException(InvalidProviderArnErrorId, "ProviderArn", "-ProviderArn applies only to COGNITO_USER_POOLS authorizers; a Lambda authorizer names -FunctionName.");
        }
        return this;
    }

    /// <summary>API Gateway caches an authorizer's decision for 0 (not cached) to 3600 seconds.</summary>
    public static void ValidateResultTtl(int? seconds)
    {
        if (seconds is < 0 or > MaxResultTtlInSeconds)
        {
            throw new GwValidationException(InvalidTtlErrorId, "ResultTtlInSeconds",
                $"-ResultTtlInSeconds {seconds} is out of range: API Gateway caches an authorizer's decision for 0 (not cached) to {MaxResultTtlInSeconds} seconds.");
        }
    }

    /// <summary>The UpdateAuthorizer patch that turns <paramref name="current"/> into these settings; empty when it already is.</summary>
    public IReadOnlyList<PatchOperation> Differences(Authorizer current)
    {
        var patch = new List<PatchOperation>();
        void Replace(string path, string? now, string? wanted)
        {
            if (!string.Equals(now ?? "", wanted ?? "", StringComparison.Ordinal))
            {
                patch.Add(new("replace", path, wanted ?? ""));
            }
        }
        Replace("/name", current.Name, Name);
        Replace("/type", current.Type, Type);
        Replace("/authorizerUri", current.AuthorizerUri, AuthorizerUri);
        Replace("/identitySource", current.IdentitySource, IdentitySource);
        Replace("/identityValidationExpression", current.IdentityValidationExpression, IdentityValidationExpression);
        if (ResultTtlInSeconds is { } ttl && current.AuthorizerResultTtlInSeconds != ttl)
        {
            patch.Add(new("replace", "/authorizerResultTtlInSeconds", ttl.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        foreach (var arn in current.ProviderArns.Except(ProviderArns, StringComparer.Ordinal))
        {
            patch.Add(new("remove", "/providerARNs/" + Domain.PatchPath.Escape(arn)));
        }
        foreach (var arn in ProviderArns.Except(current.ProviderArns, StringComparer.Ordinal))
        {
            patch.Add(new("add", "/providerARNs/" + Domain.PatchPath.Escape(arn)));
        }
        return patch;
    }

    /// <summary>These settings applied over an existing authorizer's: what Set-GwAuthorizer changes, the rest kept.</summary>
    public static AuthorizerSettings From(Authorizer current) => new()
    {
        Name = current.Name,
        Type = current.Type,
        AuthorizerUri = current.AuthorizerUri,
        ProviderArns = current.ProviderArns,
        IdentitySources = SplitIdentitySources(current.IdentitySource is null ? null : [current.IdentitySource]),
        IdentityValidationExpression = current.IdentityValidationExpression,
        ResultTtlInSeconds = current.AuthorizerResultTtlInSeconds,
    };
}

// Authorizers: CreateAuthorizer, GetAuthorizers, GetAuthorizer, UpdateAuthorizer, DeleteAuthorizer, TestInvokeAuthorizer.
public static partial class ApiGatewayOperations
{
    public static GwOperation<Authorizer> CreateAuthorizer(string restApiId, AuthorizerSettings settings)
    {
        var body = new JsonObject { ["name"] = settings.Name, ["type"] = settings.Type }
            .Put("authorizerUri", settings.AuthorizerUri)
            .Put("providerARNs", settings.ProviderArns.Count == 0 ? null : Json.ToJson(settings.ProviderArns))
            .Put("identitySource", settings.IdentitySource)
            .Put("identityValidationExpression", settings.IdentityValidationExpression)
            .Put("authorizerResultTtlInSeconds", settings.ResultTtlInSeconds);
        // New-GwAuthorizer converges by name: the authorizer of this name, type and function is the one a lost attempt made.
        return Build("CreateAuthorizer", HttpMethod.Post, AuthorizersPath(restApiId), AuthorizerReader(restApiId), body)
            .ReconciledBy((client, _, ct) => client.FindAsync(GetAuthorizers(restApiId),
                a => a.Name == settings.Name && a.Type == settings.Type && a.AuthorizerUri == settings.AuthorizerUri && a.IdentitySource == settings.IdentitySource, ct));
    }

    public static GwListing<Authorizer> GetAuthorizers(string restApiId) =>
        Listing("GetAuthorizers", AuthorizersPath(restApiId), null, AuthorizerReader(restApiId));

    public static GwOperation<Authorizer> GetAuthorizer(string restApiId, string authorizerId) =>
        Build("GetAuthorizer", HttpMethod.Get, AuthorizerPath(restApiId, authorizerId), AuthorizerReader(restApiId));

    public static GwOperation<Authorizer> UpdateAuthorizer(string restApiId, string authorizerId, IReadOnlyList<PatchOperation> operations) =>
        Build("UpdateAuthorizer", HttpMethod.Patch, AuthorizerPath(restApiId, authorizerId), AuthorizerReader(restApiId), PatchBody(operations));

    public static GwOperation DeleteAuthorizer(string restApiId, string authorizerId) =>
        Build("DeleteAuthorizer", HttpMethod.Delete, AuthorizerPath(restApiId, authorizerId));

    /// <summary>TestInvokeAuthorizer: runs the authorizer (its current, undeployed definition) for the identity given.</summary>
    public static GwOperation<AuthorizerTestResult> TestInvokeAuthorizer(string restApiId, string authorizerId, TestInvokeAuthorizerRequest request)
    {
        var body = new JsonObject()
            .Put("headers", Json.ToJson(request.Headers))
            .Put("pathWithQueryString", request.PathWithQueryString)
            .Put("body", request.Body)
            .Put("stageVariables", Json.ToJson(request.StageVariables));
        return Build("TestInvokeAuthorizer", HttpMethod.Post, AuthorizerPath(restApiId, authorizerId),
            (json, connection) => new AuthorizerTestResult
            {
                Connection = connection,
                RestApiId = restApiId,
                AuthorizerId = authorizerId,
                ClientStatus = json.Int("clientStatus") ?? 0,
                PrincipalId = json.Str("principalId"),
                Policy = json.Str("policy"),
                Claims = json.StringMap("claims"),
                Log = json.Str("log"),
                Latency = json.Int("latency") ?? 0,
            }, body);
    }

    /// <summary>The SourceArn that lets API Gateway invoke a function as this authorizer and nothing else.</summary>
    public static string AuthorizerSourceArn(string partition, string region, string account, string restApiId, string authorizerId) =>
        $"arn:{partition}:execute-api:{region}:{account}:{restApiId}/authorizers/{authorizerId}";

    private static string AuthorizersPath(string restApiId) => RestPath.Of("restapis", restApiId, "authorizers");

    private static string AuthorizerPath(string restApiId, string authorizerId) => AuthorizersPath(restApiId) + RestPath.Of(authorizerId);

    /// <summary>AWS's Authorizer shape.</summary>
    private static Func<JsonElement, GwConnection, Authorizer> AuthorizerReader(string restApiId) =>
        (json, connection) => new Authorizer
        {
            Connection = connection,
            RestApiId = restApiId,
            AuthorizerId = json.Str("id") ?? "",
            Name = json.Str("name") ?? "",
            Type = json.Str("type") ?? "",
            AuthorizerUri = json.Str("authorizerUri"),
            ProviderArns = json.StringList("providerARNs"),
            IdentitySource = json.Str("identitySource"),
            IdentityValidationExpression = json.Str("identityValidationExpression"),
            AuthorizerResultTtlInSeconds = json.Int("authorizerResultTtlInSeconds"),
            AuthorizerCredentials = json.Str("authorizerCredentials"),
            AuthType = json.Str("authType"),
        };
}

/// <summary>The request TestInvokeAuthorizer sends: the identity as a caller would present it.</summary>
public sealed record TestInvokeAuthorizerRequest
{
    public IReadOnlyDictionary<string, string>? Headers { get; init; }
    public string? PathWithQueryString { get; init; }
    public string? Body { get; init; }
    public IReadOnlyDictionary<string, string>? StageVariables { get; init; }
}
