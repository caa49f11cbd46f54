using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ApiGatewayTools.LocalGateway.Auth;
using ApiGatewayTools.LocalGateway.DataPlane.Policies;
using ApiGatewayTools.LocalGateway.Http;
using ApiGatewayTools.LocalGateway.Lambda;

namespace ApiGatewayTools.LocalGateway.DataPlane.Authorization;

/// <summary>
/// Runs an authorizer as API Gateway does, for invoke URLs (through <see cref="Chain.AuthorizerCheck"/>, which caches)
/// and TestInvokeAuthorizer alike. TOKEN: the token header, checked against the validation expression before the
/// function is called; REQUEST: every identity source present; then the function runs as a local function, under
/// its resource policy for the authorizer's SourceArn, and its answer is read. COGNITO_USER_POOLS: the token is
/// checked against the authorizer's local user pools.
/// </summary>
internal sealed partial class AuthorizerRunner(FunctionLookup findFunction, FunctionInvoker invoker, LocalUserPools pools, TimeProvider clock)
{
    /// <summary>Lambda gives an authorizer at most API Gateway's integration limit; authorizers answer well within it.</summary>
    private static readonly TimeSpan AuthorizerTimeout = TimeSpan.FromSeconds(29);

    /// <summary>
    /// The identity the decision is cached under: the token, or every identity source's value; null when the request
    /// lacks one, which API Gateway refuses with 401 without calling the authorizer.
    /// </summary>
    public static string? IdentityKey(AuthorizerInput input)
    {
        var authorizer = input.Authorizer;
        var sources = authorizer.IdentitySources;
        if (sources.Count == 0)
        {
            // A REQUEST authorizer without identity sources is called every time (it cannot be cached).
            return authorizer.Type == "REQUEST" ? "" : null;
        }
        var values = new string[sources.Count];
        for (var i = 0; i < sources.Count; i++)
        {
            var value = input.IdentityValue(sources[i]);
            if (string.IsNullOrEmpty(value))
            {
                return null;
            }
            values[i] = value;
        }
        if (authorizer.Type == "TOKEN" && authorizer.IdentityValidationExpression is { } expression
            && !Regex.IsMatch(values[0], "^(?:" + expression + ")$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
        {
            return null;
        }
        return string.Join('\u001f', values);
    }

    /// <summary>Decides about the identity in <paramref name="input"/> (whose <see cref="IdentityKey"/> is not null).</summary>
    public async Task<AuthorizerVerdict> RunAsync(AuthorizerInput input, ExecutionLog? log, CancellationToken ct) =>
        input.Authorizer.Type == "COGNITO_USER_POOLS" ? CheckCognito(input) : await RunLambdaAsync(input, log, ct).ConfigureAwait(false);

    private AuthorizerVerdict CheckCognito(AuthorizerInput input)
    {
        var token = input.IdentityValue(input.Authorizer.IdentitySources[0]);
        var refusal = CognitoTokenCheck.Check(token, input.Authorizer.ProviderArns.Select(pools.FindByArn), input.AuthorizationScopes,
            clock.GetUtcNow(), out var claims);
        return refusal switch
        {
            CognitoRefusal.None => AuthorizerVerdict.Granted(new AuthorizerGrant { PrincipalId = claims.GetValueOrDefault("sub"), Claims = claims }),
            CognitoRefusal.Expired => AuthorizerVerdict.Refused(GatewayFailure.ExpiredToken, "the Cognito token has expired"),
            _ => AuthorizerVerdict.Refused(GatewayFailure.Unauthorized, "the Cognito token is not valid for this authorizer"),
        };
    }

    private async Task<AuthorizerVerdict> RunLambdaAsync(AuthorizerInput input, ExecutionLog? log, CancellationToken ct)
    {
        var authorizer = input.Authorizer;
        var functionArn = LambdaIntegration.FunctionArnOf(authorizer.AuthorizerUri ?? "");
        FunctionReference? reference = null;
        try
        {
            reference = functionArn is null ? null : FunctionReference.Parse(HttpIntegration.SubstituteStageVariables(functionArn, input.StageVariables), null);
        }
        catch (GatewayError)
        {
        }
        if (reference is null || findFunction(reference) is not { } found)
        {
            log?.Add($"Execution failed due to configuration error: Authorizer function not found: {functionArn}");
            return ConfigurationError($"authorizer function not found: {functionArn}");
        }
        if (LambdaPermission.Denial(found.PolicyJson, input.AuthorizerSourceArn) is { } denial)
        {
            log?.Add($"Execution failed due to configuration error: Invalid permissions on Lambda function: {denial}");
            return ConfigurationError($"invalid permissions on authorizer function {reference.Name}: {denial}");
        }
        var eventJson = AuthorizerEvent.Write(input);
        log?.Add($"Sending request to {reference.Arn}");
        var outcome = await invoker.InvokeAsync(reference, found.Function, eventJson, input.RequestId, AuthorizerTimeout, ct).ConfigureAwait(false);
        if (outcome.Result is not { } result)
        {
            return ConfigurationError($"authorizer function {reference.Name} did not answer");
        }
        if (result.FunctionError is not null)
        {
            // The one error text API Gateway reads: a function that fails with "Unauthorized" refuses the caller.
            return result.ErrorMessage == "Unauthorized"
                ? AuthorizerVerdict.Refused(GatewayFailure.Unauthorized, $"authorizer function {reference.Name} answered Unauthorized")
                : ConfigurationError($"authorizer function {reference.Name} failed: {result.ErrorMessage}");
        }
        var grant = ReadAnswer(result.Payload, out var problem);
        // An API key's value is never written anywhere, the execution log included.
        log?.Add("Authorizer result body before parsing: " +
            (grant?.UsageIdentifierKey is { Length: > 0 } key ? result.Payload.Replace(key, "***", StringComparison.Ordinal) : result.Payload));
        return grant is not null
            ? AuthorizerVerdict.Granted(grant)
            : ConfigurationError($"malformed authorizer answer: {problem}");
    }

    /// <summary>
    /// A Lambda authorizer's answer: principalId (a string), policyDocument (an IAM policy), optional context (string,
    /// number and boolean values only) and usageIdentifierKey. Anything else is AuthorizerConfigurationException.
    /// </summary>
    private static AuthorizerGrant? ReadAnswer(string payload, out string problem)
    {
        problem = "";
        JsonElement answer;
        try
        {
            answer = JsonDocument.Parse(payload).RootElement;
        }
        catch (JsonException)
        {
            problem = "the answer is not JSON";
            return null;
        }
        if (answer.ValueKind != JsonValueKind.Object)
        {
            problem = "the answer is not a JSON object";
            return null;
        }
        if (!answer.TryGetProperty("principalId", out var principal) || principal.ValueKind != JsonValueKind.String)
        {
            problem = "principalId is missing or not a string";
            return null;
        }
        if (!answer.TryGetProperty("policyDocument", out var document) || document.ValueKind != JsonValueKind.Object)
        {
            problem = "policyDocument is missing or not an object";
            return null;
        }
        IamPolicy policy;
        try
        {
            policy = IamPolicy.Parse(document.GetRawText(), PolicyKind.Identity);
        }
        catch (MalformedPolicyException e)
        {
            problem = e.Message;
            return null;
        }
        var context = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (answer.TryGetProperty("context", out var map) && map.ValueKind != JsonValueKind.Null)
        {
            if (map.ValueKind != JsonValueKind.Object)
            {
                problem = "context is not an object";
                return null;
            }
            foreach (var entry in map.EnumerateObject())
            {
                if (entry.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                {
                    problem = $"context value '{entry.Name}' is an object or array; only strings, numbers and booleans are allowed";
                    return null;
                }
                context[entry.Name] = entry.Value.Clone();
            }
        }
        return new AuthorizerGrant
        {
            PrincipalId = principal.GetString(),
            Policy = policy,
            PolicyJson = document.GetRawText(),
            Context = context,
            UsageIdentifierKey = answer.TryGetProperty("usageIdentifierKey", out var key) && key.ValueKind == JsonValueKind.String ? key.GetString() : null,
        };
    }

    private static AuthorizerVerdict ConfigurationError(string reason) => AuthorizerVerdict.Refused(GatewayFailure.AuthorizerConfigurationError, reason);
}

/// <summary>The event a Lambda authorizer receives: TOKEN's token and method ARN, or REQUEST's whole method request.</summary>
internal static class AuthorizerEvent
{
    public static string Write(AuthorizerInput input)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, GatewayResponse.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("type", input.Authorizer.Type);
            w.WriteString("methodArn", input.MethodArn);
            if (input.Authorizer.Type == "TOKEN")
            {
                w.WriteString("authorizationToken", input.IdentityValue(input.Authorizer.IdentitySources[0]));
            }
            else
            {
                var request = input.Request;
                w.WriteString("resource", input.ResourcePath);
                w.WriteString("path", request.Path);
                w.WriteString("httpMethod", request.HttpMethod);
                w.WriteStartObject("headers");
                foreach (var name in request.Headers.AllKeys.OfType<string>())
                {
                    w.WriteString(name, request.Headers[name]);
                }
                w.WriteEndObject();
                w.WriteStartObject("queryStringParameters");
                foreach (var (name, value) in request.Query.GroupBy(pair => pair.Key).Select(group => group.Last()))
                {
                    w.WriteString(name, value);
                }
                w.WriteEndObject();
                w.WriteStartObject("pathParameters");
                foreach (var (name, value) in input.PathParameters)
                {
                    w.WriteString(name, value);
                }
                w.WriteEndObject();
                w.WriteStartObject("stageVariables");
                foreach (var (name, value) in input.StageVariables)
                {
                    w.WriteString(name, value);
                }
                w.WriteEndObject();
                w.WriteStartObject("requestContext");
                w.WriteString("path", "/" + input.StageName + request.Path);
                w.WriteString("accountId", LocalGatewayServer.AccountId);
                w.WriteString("resourceId", input.ResourceId);
                w.WriteString("stage", input.StageName);
                w.WriteString("requestId", input.RequestId);
                w.WriteString("resourcePath", input.ResourcePath);
                w.WriteString("httpMethod", request.HttpMethod);
                w.WriteString("apiId", input.RestApiId);
                w.WriteStartObject("identity");
                w.WriteString("sourceIp", request.SourceIp);
                w.WriteString("userAgent", request.UserAgent);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
