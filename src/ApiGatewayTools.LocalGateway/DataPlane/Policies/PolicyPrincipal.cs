using System.Text.Json;
using System.Text.RegularExpressions;

namespace ApiGatewayTools.LocalGateway.DataPlane.Policies;

/// <summary>
/// A statement's Principal or NotPrincipal: "*" (everyone, anonymous callers included) or an object of
/// principal types. Only AWS principals (*, an account id, an account's root ARN or an IAM ARN) can be an
/// invoke-URL caller; Service, Federated and CanonicalUser principals parse and never match one.
/// </summary>
internal sealed partial class PolicyPrincipal
{
    private static readonly HashSet<string> Types = new(StringComparer.Ordinal) { "AWS", "Service", "Federated", "CanonicalUser" };

    private readonly bool _everyone;
    private readonly IReadOnlyList<string> _aws;
    private readonly bool _negated;

    private PolicyPrincipal(bool everyone, IReadOnlyList<string> aws, bool negated)
    {
        _everyone = everyone;
        _aws = aws;
        _negated = negated;
    }

    public static PolicyPrincipal? Parse(JsonElement statement, string where)
    {
        var has = statement.TryGetProperty("Principal", out var principal);
        var hasNot = statement.TryGetProperty("NotPrincipal", out var notPrincipal);
        if (has && hasNot)
        {
            throw new MalformedPolicyException($"{where} has both Principal and NotPrincipal: write one.");
        }
        if (!has && !hasNot)
        {
            return null;
        }
        var value = has ? principal : notPrincipal;
        var name = has ? "Principal" : "NotPrincipal";
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString() == "*"
                ? new PolicyPrincipal(everyone: true, [], negated: hasNot)
                : throw new MalformedPolicyException($"{where}: {name} must be \"*\" or an object such as {{\"AWS\": \"123456789012\"}}.");
        }
        if (value.ValueKind != JsonValueKind.Object || !value.EnumerateObject().Any())
        {
            throw new MalformedPolicyException($"{where}: {name} must be \"*\" or an object such as {{\"AWS\": \"123456789012\"}}.");
        }
        var aws = new List<string>();
        foreach (var type in value.EnumerateObject())
        {
            if (!Types.Contains(type.Name))
            {
                throw new MalformedPolicyException($"{where}: {name} type '{type.Name}' is not one of AWS, Service, Federated, CanonicalUser.");
            }
            var ids = PolicyStatement.Strings(type.Value, $"{where}: {name} {type.Name}");
            if (type.Name == "AWS")
            {
                foreach (var id in ids.Where(id => id != "*" && !AccountId().IsMatch(id) && !id.StartsWith("arn:", StringComparison.Ordinal)))
                {
                    throw new MalformedPolicyException($"{where}: '{id}' is not a valid AWS principal: write *, a 12-digit account id or an IAM ARN.");
                }
                aws.AddRange(ids);
            }
        }
        return new PolicyPrincipal(everyone: false, aws, negated: hasNot);
    }

    public bool Matches(PolicyCaller caller) => Names(caller) != _negated;

    private bool Names(PolicyCaller caller)
    {
        if (_everyone)
        {
            return true;
        }
        foreach (var id in _aws)
        {
            if (id == "*")
            {
                return true;
            }
            if (caller.IsAnonymous)
            {
                continue;
            }
            if (id == caller.Account || id == $"arn:aws:iam::{caller.Account}:root" || id == caller.Arn)
            {
                return true;
            }
        }
        return false;
    }

    [GeneratedRegex("^[0-9]{12}$")]
    internal static partial Regex AccountId();
}
