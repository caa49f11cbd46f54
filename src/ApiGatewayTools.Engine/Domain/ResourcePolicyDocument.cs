using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ApiGatewayTools.Engine.Domain;

/// <summary>What New-GwResourcePolicy is asked for; every part is optional, at least one is needed.</summary>
public sealed record ResourcePolicyRequest
{
    /// <summary>Only these CIDR ranges may call: everyone else is explicitly denied.</summary>
    public IReadOnlyList<string> AllowSourceIp { get; init; } = [];
    /// <summary>These CIDR ranges are explicitly denied.</summary>
    public IReadOnlyList<string> DenySourceIp { get; init; } = [];
    /// <summary>Only these accounts (12-digit ids) are allowed; callers must sign (AWS_IAM) to be one.</summary>
    public IReadOnlyList<string> AllowAccount { get; init; } = [];
    public string? RestApiId { get; init; }
    public string? StageName { get; init; }
}

/// <summary>
/// Checks a resource policy document before it is sent (the mistakes API Gateway would refuse with only
/// "Invalid policy document"), and builds the common ones: source-IP allow and deny lists, allowed accounts.
/// </summary>
public static partial class ResourcePolicyDocument
{
    public const string InvalidPolicyErrorId = "InvalidResourcePolicy";
    public const string InvalidSourceIpErrorId = "InvalidSourceIp";
    public const string InvalidAccountIdErrorId = "InvalidAccountId";
    public const string EmptyPolicyErrorId = "EmptyResourcePolicy";
    private const string InvokeAction = "execute-api:Invoke";
    private static readonly string[] Versions = ["2012-10-17", "2008-10-17"];
    private static readonly string[] StatementElements = ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountIdPattern();

    /// <summary>A policy given as plain values (dictionaries, lists, strings: a hashtable unwrapped) as JSON text, for <see cref="Validate"/>.</summary>
    public static string Serialize(object tree) => JsonSerializer.Serialize(tree);

    /// <summary>The document as a <see cref="ResourcePolicy"/>, or a <see cref="GwValidationException"/> saying what to fix.</summary>
    public static ResourcePolicy Validate(string json, string parameterName = "Policy")
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw Invalid(parameterName, $"The policy is not valid JSON ({e.Message}). Give a JSON document, a file holding one, a hashtable, or New-GwResourcePolicy's output.");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(parameterName, "A policy document is a JSON object with Version and Statement.");
            }
            if (!root.TryGetProperty("Version", out var version) || version.ValueKind != JsonValueKind.String || !Versions.Contains(version.GetString()))
            {
                throw Invalid(parameterName, "The policy needs \"Version\": \"2012-10-17\".");
            }
            if (!root.TryGetProperty("Statement", out var statement)
                || statement.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)
                || (statement.ValueKind == JsonValueKind.Array && statement.GetArrayLength() == 0))
            {
                throw Invalid(parameterName, "The policy needs a Statement: one statement object or an array of them.");
            }
            var statements = statement.ValueKind == JsonValueKind.Array ? statement.EnumerateArray().ToList() : [statement];
            for (var i = 0; i < statements.Count; i++)
            {
                CheckStatement(statements[i], $"Statement {i + 1}", parameterName);
            }
            return ResourcePolicy.FromElement(root);
        }
    }

    private static void CheckStatement(JsonElement statement, string where, string parameterName)
    {
        if (statement.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(parameterName, $"{where} must be an object with Effect, Principal, Action and Resource.");
        }
        if (statement.EnumerateObject().Select(element => element.Name).FirstOrDefault(name => !StatementElements.Contains(name)) is { } unknown)
        {
            throw Invalid(parameterName, $"{where} has '{unknown}', which is not a statement element ({string.Join(", ", StatementElements)}).");
        }
        if (!statement.TryGetProperty("Effect", out var effect) || effect.ValueKind != JsonValueKind.String || effect.GetString() is not ("Allow" or "Deny"))
        {
            throw Invalid(parameterName, $"{where} needs \"Effect\": \"Allow\" or \"Deny\".");
        }
        RequireOne(statement, "Principal", "NotPrincipal", where, parameterName);
        RequireOne(statement, "Action", "NotAction", where, parameterName);
        RequireOne(statement, "Resource", "NotResource", where, parameterName);
        foreach (var name in new[] { "Action", "NotAction", "Resource", "NotResource" })
        {
            if (statement.TryGetProperty(name, out var value))
            {
                Strings(value, $"{where} {name}", parameterName);
            }
        }
        foreach (var name in new[] { "Principal", "NotPrincipal" })
        {
            if (statement.TryGetProperty(name, out var principal))
            {
                CheckPrincipal(principal, $"{where} {name}", parameterName);
            }
        }
        if (statement.TryGetProperty("Condition", out var condition))
        {
            CheckCondition(condition, where, parameterName);
        }
    }

    private static void RequireOne(JsonElement statement, string name, string notName, string where, string parameterName)
    {
        var has = statement.TryGetProperty(name, out _);
        if (has == statement.TryGetProperty(notName, out _))
        {
            throw Invalid(parameterName, has ? $"{where} has both {name} and {notName}; keep one." : $"{where} needs a {name} (or {notName}).");
        }
    }

    private static void CheckPrincipal(JsonElement principal, string where, string parameterName)
    {
        if (principal.ValueKind == JsonValueKind.String && principal.GetString() == "*")
        {
            return;
        }
        if (principal.ValueKind != JsonValueKind.Object || !principal.EnumerateObject().Any())
        {
            throw Invalid(parameterName, $"{where} must be \"*\" or an object such as @{{ AWS = '123456789012' }}.");
        }
        foreach (var type in principal.EnumerateObject())
        {
            var ids = Strings(type.Value, $"{where} {type.Name}", parameterName);
            if (type.Name == "AWS" && ids.FirstOrDefault(id => id != "*" && !AccountIdPattern().IsMatch(id) && !id.StartsWith("arn:", StringComparison.Ordinal)) is { } bad)
            {
                throw new GwValidationException(InvalidAccountIdErrorId, parameterName,
                    $"{where}: '{bad}' is not an AWS principal; write a 12-digit account id, an IAM ARN (arn:aws:iam::123456789012:root) or *.");
            }
        }
    }

    private static void CheckCondition(JsonElement condition, string where, string parameterName)
    {
        if (condition.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(parameterName, $"{where} Condition must be an object: operator, then key and values.");
        }
        foreach (var op in condition.EnumerateObject())
        {
            if (op.Value.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(parameterName, $"{where} Condition {op.Name} must be an object of condition keys and values.");
            }
            if (!op.Name.Contains("IpAddress", StringComparison.Ordinal))
            {
                continue;
            }
            foreach (var key in op.Value.EnumerateObject())
            {
                if (Strings(key.Value, $"{where} Condition {op.Name} {key.Name}", parameterName).FirstOrDefault(range => !IsCidr(range)) is { } bad)
                {
                    throw new GwValidationException(InvalidSourceIpErrorId, parameterName,
                        $"{where}: '{bad}' in {op.Name} is not an IP address or CIDR range; write e.g. 203.0.113.0/24 or 2001:db8::/32.");
                }
            }
        }
    }

    private static List<string> Strings(JsonElement value, string where, string parameterName)
    {
        var items = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [value];
        if (items.Count == 0 || items.Any(item => item.ValueKind != JsonValueKind.String || item.GetString()!.Length == 0))
        {
            throw Invalid(parameterName, $"{where} must be a string or a non-empty array of strings.");
        }
        return items.Select(item => item.GetString()!).ToList();
    }

    /// <summary>An IPv4 or IPv6 address, optionally with a prefix length that fits it.</summary>
    public static bool IsCidr(string text)
    {
        var parts = text.Split('/');
        if (parts.Length > 2 || !IPAddress.TryParse(parts[0], out var address) || parts[0].Contains(' ', StringComparison.Ordinal))
        {
            return false;
        }
        var width = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        return parts.Length == 1
            || (int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) && prefix <= width);
    }

    /// <summary>
    /// The document for the common cases: an Allow for the named accounts (or everyone), a Deny for callers
    /// outside <see cref="ResourcePolicyRequest.AllowSourceIp"/>, a Deny for <see cref="ResourcePolicyRequest.DenySourceIp"/>;
    /// all scoped to the API and stage when named ("execute-api:/stage/*", which AWS completes with the API's ARN).
    /// </summary>
    public static ResourcePolicy Build(ResourcePolicyRequest request)
    {
        if (request.AllowSourceIp.Count == 0 && request.DenySourceIp.Count == 0 && request.AllowAccount.Count == 0)
        {
            throw new GwValidationException(EmptyPolicyErrorId, "AllowSourceIp",
                "Say what the policy does: -AllowSourceIp, -DenySourceIp and/or -AllowAccount.");
        }
        foreach (var (ranges, parameter) in new[] { (request.AllowSourceIp, "AllowSourceIp"), (request.DenySourceIp, "DenySourceIp") })
        {
            if (ranges.FirstOrDefault(range => !IsCidr(range)) is { } bad)
            {
                throw new GwValidationException(InvalidSourceIpErrorId, parameter,
                    $"-{parameter} '{bad}' is not an IP address or CIDR range; write e.g. 203.0.113.0/24 or 2001:db8::/32.");
            }
        }
        if (request.AllowAccount.FirstOrDefault(account => !AccountIdPattern().IsMatch(account)) is { } badAccount)
        {
            throw new GwValidationException(InvalidAccountIdErrorId, "AllowAccount",
                $"-AllowAccount '{badAccount}' is not an AWS account id; write the 12 digits, e.g. 123456789012.");
        }
        var stage = string.IsNullOrEmpty(request.StageName) ? "*" : request.StageName;
        var resource = request.RestApiId is { Length: > 0 } apiId
            ? $"arn:aws:execute-api:*:*:{apiId}/{stage}/*"
            : $"execute-api:/{stage}/*";
        var statements = new List<IDictionary<string, object?>>
        {
            Statement("Allow", request.AllowAccount.Count > 0
                ? new Dictionary<string, object?> { ["AWS"] = request.AllowAccount.Select(account => $"arn:aws:iam::{account}:root").ToArray() }
                : "*", resource, null),
        };
        if (request.AllowSourceIp.Count > 0)
        {
            statements.Add(Statement("Deny", "*", resource, SourceIp("NotIpAddress", request.AllowSourceIp)));
        }
        if (request.DenySourceIp.Count > 0)
        {
            statements.Add(Statement("Deny", "*", resource, SourceIp("IpAddress", request.DenySourceIp)));
        }
        return new ResourcePolicy("2012-10-17", statements);
    }

    private static Dictionary<string, object?> Statement(string effect, object principal, string resource, object? condition)
    {
        var statement = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["Effect"] = effect,
            ["Principal"] = principal,
            ["Action"] = InvokeAction,
            ["Resource"] = resource,
        };
        if (condition is not null)
        {
            statement["Condition"] = condition;
        }
        return statement;
    }

    private static Dictionary<string, object?> SourceIp(string op, IReadOnlyList<string> ranges) =>
        new(StringComparer.Ordinal) { [op] = new Dictionary<string, object?> { ["aws:SourceIp"] = ranges.ToArray() } };

    private static GwValidationException Invalid(string parameterName, string message) => new(InvalidPolicyErrorId, parameterName, message);
}
