using System.Text.Json;

namespace ApiGatewayTools.LocalGateway.DataPlane.Policies;

/// <summary>Which kind of policy a document is: a resource policy names its principals, an identity policy (a Lambda authorizer's) does not.</summary>
internal enum PolicyKind
{
    Resource,
    Identity,
}

/// <summary>Why a policy document is refused: said so the caller can fix it.</summary>
internal sealed class MalformedPolicyException(string reason) : Exception(reason);

/// <summary>
/// An IAM policy document, parsed once and evaluated per request as IAM does: an applicable Deny wins, else an
/// applicable Allow allows, else the request is implicitly denied.
/// </summary>
internal sealed class IamPolicy
{
    private static readonly string[] Versions = ["2012-10-17", "2008-10-17"];
    private readonly IReadOnlyList<PolicyStatement> _statements;

    private IamPolicy(IReadOnlyList<PolicyStatement> statements) => _statements = statements;

    public IReadOnlyList<PolicyStatement> Statements => _statements;

    /// <summary>Parses a policy document, or throws <see cref="MalformedPolicyException"/> saying what is wrong with it.</summary>
    public static IamPolicy Parse(string json, PolicyKind kind)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new MalformedPolicyException($"The policy document is not valid JSON: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new MalformedPolicyException("The policy document must be a JSON object with Version and Statement.");
            }
            foreach (var property in root.EnumerateObject())
            {
                if (property.Name is not ("Version" or "Id" or "Statement"))
                {
                    throw new MalformedPolicyException($"'{property.Name}' is not a policy element (a policy has Version, Id and Statement).");
                }
            }
            if (root.TryGetProperty("Version", out var version)
                && (version.ValueKind != JsonValueKind.String || !Versions.Contains(version.GetString())))
            {
                throw new MalformedPolicyException($"Version must be \"2012-10-17\" (or the older \"2008-10-17\"), not {version.GetRawText()}.");
            }
            if (!root.TryGetProperty("Statement", out var statement))
            {
                throw new MalformedPolicyException("The policy document has no Statement.");
            }
            var statements = statement.ValueKind switch
            {
                JsonValueKind.Object => [PolicyStatement.Parse(statement, kind, 1)],
                JsonValueKind.Array when statement.GetArrayLength() > 0 =>
                    statement.EnumerateArray().Select((element, index) => PolicyStatement.Parse(element, kind, index + 1)).ToList(),
                _ => throw new MalformedPolicyException("Statement must be a statement object or a non-empty array of them."),
            };
            return new IamPolicy(statements);
        }
    }

    /// <summary>Parses a policy document; null and the reason when it is malformed.</summary>
    public static IamPolicy? TryParse(string json, PolicyKind kind, out string? reason)
    {
        try
        {
            reason = null;
            return Parse(json, kind);
        }
        catch (MalformedPolicyException e)
        {
            reason = e.Message;
            return null;
        }
    }

    public PolicyDecision Evaluate(PolicyRequest request)
    {
        var decision = PolicyDecision.ImplicitDeny;
        foreach (var statement in _statements)
        {
            if (statement.AppliesTo(request))
            {
                if (!statement.Allows)
                {
                    return PolicyDecision.ExplicitDeny;
                }
                decision = PolicyDecision.Allow;
            }
        }
        return decision;
    }
}
