using System.Globalization;
using System.Text.Json;

namespace ApiGatewayTools.LocalGateway.DataPlane.Policies;

/// <summary>
/// One statement: its effect, the actions and resources it covers (or excludes, with NotAction and
/// NotResource), the principals (resource policies) and its conditions, all of which must match.
/// </summary>
internal sealed class PolicyStatement
{
    private static readonly HashSet<string> Elements = new(StringComparer.Ordinal)
    {
        "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition",
    };

    private PolicyStatement(bool allows, Patterns actions, Patterns resources, PolicyPrincipal? principal, IReadOnlyList<PolicyCondition> conditions)
    {
        Allows = allows;
        Actions = actions;
        Resources = resources;
        Principal = principal;
        Conditions = conditions;
    }

    public bool Allows { get; }
    public Patterns Actions { get; }
    public Patterns Resources { get; }
    public PolicyPrincipal? Principal { get; }
    public IReadOnlyList<PolicyCondition> Conditions { get; }

    public bool AppliesTo(PolicyRequest request) =>
        Actions.Match(request.Action, ignoreCase: true)
        && Resources.Match(request.Resource, ignoreCase: false)
        && (Principal is null || Principal.Matches(request.Caller))
        && Conditions.All(condition => condition.Matches(request));

    public static PolicyStatement Parse(JsonElement statement, PolicyKind kind, int number)
    {
        var where = $"Statement {number}";
        if (statement.ValueKind != JsonValueKind.Object)
        {
            throw new MalformedPolicyException($"{where} must be a JSON object.");
        }
        foreach (var property in statement.EnumerateObject())
        {
            if (!Elements.Contains(property.Name))
            {
                throw new MalformedPolicyException($"{where} has '{property.Name}', which is not a statement element (Sid, Effect, Principal, Action, Resource, Condition and their Not forms).");
            }
        }
        var allows = Text(statement, "Effect", where) switch
        {
            "Allow" => true,
            "Deny" => false,
            null => throw new MalformedPolicyException($"{where} has no Effect: write \"Effect\": \"Allow\" or \"Deny\"."),
            var other => throw new MalformedPolicyException($"{where} has Effect '{other}': write \"Allow\" or \"Deny\"."),
        };
        var actions = Patterns.Parse(statement, "Action", "NotAction", where, ValidateAction);
        var resources = Patterns.Parse(statement, "Resource", "NotResource", where, ValidateResource);
        var principal = PolicyPrincipal.Parse(statement, where);
        if (kind == PolicyKind.Resource && principal is null)
        {
            throw new MalformedPolicyException($"{where} has no Principal: a resource policy names who it applies to (\"Principal\": \"*\" for everyone).");
        }
        return new PolicyStatement(allows, actions, resources, principal, ParseConditions(statement, where));
    }

    private static void ValidateAction(string action, string where)
    {
        if (action != "*" && action.IndexOf(':') is <= 0)
        {
            throw new MalformedPolicyException($"{where}: action '{action}' must be service:action (for example execute-api:Invoke) or *.");
        }
    }

    private static void ValidateResource(string resource, string where)
    {
        if (resource != "*" && !resource.StartsWith("arn:", StringComparison.Ordinal))
        {
            throw new MalformedPolicyException($"{where}: resource '{resource}' must be an ARN (arn:aws:execute-api:region:account:api-id/stage/VERB/path) or *.");
        }
    }

    private static List<PolicyCondition> ParseConditions(JsonElement statement, string where)
    {
        if (!statement.TryGetProperty("Condition", out var block))
        {
            return [];
        }
        if (block.ValueKind != JsonValueKind.Object)
        {
            throw new MalformedPolicyException($"{where}: Condition must be an object of operators, each an object of keys and values.");
        }
        var conditions = new List<PolicyCondition>();
        foreach (var op in block.EnumerateObject())
        {
            if (op.Value.ValueKind != JsonValueKind.Object)
            {
                throw new MalformedPolicyException($"{where}: Condition {op.Name} must be an object of condition keys and their values.");
            }
            foreach (var key in op.Value.EnumerateObject())
            {
                conditions.Add(PolicyCondition.Parse(op.Name, key.Name, ConditionValues(key.Value, $"{where}: Condition {op.Name} on '{key.Name}'")));
            }
        }
        return conditions;
    }

    private static List<string> ConditionValues(JsonElement value, string where) => value.ValueKind switch
    {
        JsonValueKind.Array => value.EnumerateArray().Select(item => ConditionValue(item, where)).ToList(),
        _ => [ConditionValue(value, where)],
    };

    private static string ConditionValue(JsonElement value, string where) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.GetDouble().ToString(CultureInfo.InvariantCulture),
        _ => throw new MalformedPolicyException($"{where} must have string, number or boolean values."),
    };

    /// <summary>A string or an array of strings, as Action, Resource and principal ids are written.</summary>
    internal static List<string> Strings(JsonElement value, string where)
    {
        var items = value.ValueKind switch
        {
            JsonValueKind.String => [value],
            JsonValueKind.Array when value.GetArrayLength() > 0 => value.EnumerateArray().ToList(),
            _ => throw new MalformedPolicyException($"{where} must be a string or a non-empty array of strings."),
        };
        return items.Select(item => item.ValueKind == JsonValueKind.String && item.GetString() is { Length: > 0 } text
            ? text
            : throw new MalformedPolicyException($"{where} must hold non-empty strings, not {item.GetRawText()}.")).ToList();
    }

    private static string? Text(JsonElement statement, string name, string where) =>
        !statement.TryGetProperty(name, out var value) ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new MalformedPolicyException($"{where}: {name} must be a string.");
}

/// <summary>Action or Resource patterns, or their Not forms (which cover everything the patterns do not).</summary>
internal sealed record Patterns(IReadOnlyList<string> Values, bool Negated)
{
    public bool Match(string value, bool ignoreCase) =>
        Values.Any(pattern => PolicyWildcard.Matches(pattern, value, ignoreCase)) != Negated;

    public static Patterns Parse(JsonElement statement, string name, string notName, string where, Action<string, string> validate)
    {
        var has = statement.TryGetProperty(name, out var value);
        var hasNot = statement.TryGetProperty(notName, out var notValue);
        if (has == hasNot)
        {
            throw new MalformedPolicyException(has
                ? $"{where} has both {name} and {notName}: write one."
                : $"{where} has no {name}: write \"{name}\" (or \"{notName}\").");
        }
        var values = PolicyStatement.Strings(has ? value : notValue, $"{where}: {(has ? name : notName)}");
        foreach (var item in values)
        {
            validate(item, where);
        }
        return new Patterns(values, Negated: hasNot);
    }
}
