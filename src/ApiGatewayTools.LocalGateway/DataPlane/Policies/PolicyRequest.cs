using System.Net;

namespace ApiGatewayTools.LocalGateway.DataPlane.Policies;

/// <summary>
/// Who asks: anonymous (no account, no ARN) unless the request was signed, in which case the account and
/// the principal's ARN come from the signing key.
/// </summary>
internal sealed record PolicyCaller(string? Account, string? Arn)
{
    public static readonly PolicyCaller Anonymous = new(null, null);

    public bool IsAnonymous => Account is null;

    /// <summary>How AWS names the caller in a refusal: "anonymous" or the principal's ARN.</summary>
    public string DisplayName => Arn ?? "anonymous";
}

/// <summary>One request to decide: the action, the resource ARN, the caller and the condition keys it carries.</summary>
internal sealed record PolicyRequest(string Action, string Resource, PolicyCaller Caller, IPAddress? SourceIp)
{
    /// <summary>
    /// The request context's value for a condition key (compared without case, as IAM names keys); null when the
    /// request has no such key, which the condition operators treat as IAM does.
    /// </summary>
    public string? ContextValue(string key) => key.ToLowerInvariant() switch
    {
        "aws:sourceip" => SourceIp?.ToString(),
        "aws:principalaccount" => Caller.Account,
        "aws:principalarn" => Caller.Arn,
        "aws:securetransport" => "false",
        _ => null,
    };
}

/// <summary>What a policy decides for a request.</summary>
internal enum PolicyDecision
{
    /// <summary>No statement applies: denied unless another policy allows.</summary>
    ImplicitDeny,
    Allow,
    /// <summary>A Deny statement applies: wins over every Allow.</summary>
    ExplicitDeny,
}
