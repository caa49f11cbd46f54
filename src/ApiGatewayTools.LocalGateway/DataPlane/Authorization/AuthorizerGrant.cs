using System.Text.Json;
using ApiGatewayTools.LocalGateway.DataPlane.Policies;

namespace ApiGatewayTools.LocalGateway.DataPlane.Authorization;

/// <summary>
/// What an authorizer decided about one identity: who it is (principalId, context, or a Cognito token's claims), the
/// policy that says what it may call (Lambda authorizers), and the API key it stands for. Kept in the authorizer
/// cache for the authorizer's TTL; the policy is evaluated again for each request's method ARN.
/// </summary>
internal sealed record AuthorizerGrant
{
    public string? PrincipalId { get; init; }
    /// <summary>The Lambda authorizer's context map: string, number and boolean values, as JSON text.</summary>
    public IReadOnlyDictionary<string, JsonElement> Context { get; init; } = new Dictionary<string, JsonElement>();
    /// <summary>A Cognito token's claims, each as text.</summary>
    public IReadOnlyDictionary<string, string>? Claims { get; init; }
    /// <summary>The usage plan key a Lambda authorizer named (usageIdentifierKey), for APIs whose key source is AUTHORIZER.</summary>
    public string? UsageIdentifierKey { get; init; }
    /// <summary>The policy a Lambda authorizer returned; null for Cognito, whose valid token is the whole decision.</summary>
    public IamPolicy? Policy { get; init; }
    /// <summary>The policy as the function wrote it, for TestInvokeAuthorizer.</summary>
    public string? PolicyJson { get; init; }

    /// <summary>
    /// What $context.authorizer holds, by dotted name under it: principalId and each context value (as string, number or
    /// boolean), or claims.{name} for a Cognito token.
    /// </summary>
    public IEnumerable<KeyValuePair<string, object?>> Variables()
    {
        if (Claims is not null)
        {
            foreach (var (name, value) in Claims)
            {
                yield return new("claims." + name, value);
            }
            yield break;
        }
        yield return new("principalId", PrincipalId);
        foreach (var (name, value) in Context)
        {
            yield return new(name, value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Number => value.TryGetInt64(out var whole) ? whole : value.GetDouble(),
                _ => null,
            });
        }
    }

    /// <summary>requestContext.authorizer of a proxy event: principalId and the context, or claims for Cognito.</summary>
    public void WriteProxyAuthorizer(Utf8JsonWriter w)
    {
        w.WriteStartObject("authorizer");
        if (Claims is not null)
        {
            w.WriteStartObject("claims");
            foreach (var (name, value) in Claims)
            {
                w.WriteString(name, value);
            }
            w.WriteEndObject();
        }
        else
        {
            w.WriteString("principalId", PrincipalId);
            foreach (var (name, value) in Context)
            {
                w.WritePropertyName(name);
                value.WriteTo(w);
            }
        }
        w.WriteEndObject();
    }

    /// <summary>Null when the grant allows the call to <paramref name="methodArn"/>; otherwise API Gateway's refusal.</summary>
    public (GatewayFailure Failure, string Reason)? Refusal(string methodArn)
    {
        if (Policy is null)
        {
            return null;
        }
        return Policy.Evaluate(new PolicyRequest("execute-api:Invoke", methodArn, PolicyCaller.Anonymous, null)) switch
        {
            PolicyDecision.Allow => null,
            PolicyDecision.ExplicitDeny => (GatewayFailure.AuthorizerExplicitDeny, $"the authorizer's policy denies {methodArn} explicitly"),
            _ => (GatewayFailure.AuthorizerImplicitDeny, $"the authorizer's policy does not allow {methodArn}"),
        };
    }
}

/// <summary>How running an authorizer ended: a grant (still to be checked against the method), or a refusal.</summary>
internal sealed record AuthorizerVerdict(AuthorizerGrant? Grant, GatewayFailure? Failure, string Reason)
{
    public static AuthorizerVerdict Granted(AuthorizerGrant grant) => new(grant, null, "");
    public static AuthorizerVerdict Refused(GatewayFailure failure, string reason) => new(null, failure, reason);
}
