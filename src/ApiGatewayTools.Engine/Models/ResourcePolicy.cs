using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ApiGatewayTools.Engine.Models;

/// <summary>
/// A REST API's resource policy as an object: Version and Statement, each statement a dictionary of its
/// elements (Effect, Principal, Action, Resource, Condition, ...) holding strings, string arrays and nested
/// dictionaries. It has no other members, so ConvertTo-Json -Depth 10 writes the policy document itself;
/// <see cref="ToJson"/> writes it minified, and <see cref="ToString"/> says in one line what it does.
/// </summary>
public sealed class ResourcePolicy
{
    private static readonly JsonSerializerOptions Minified = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public ResourcePolicy(string version, IReadOnlyList<IDictionary<string, object?>> statement)
    {
        Version = version;
        Statement = statement;
    }

    public string Version { get; }
    public IReadOnlyList<IDictionary<string, object?>> Statement { get; }

    public string ToJson() => JsonSerializer.Serialize(new Dictionary<string, object?> { ["Version"] = Version, ["Statement"] = Statement }, Minified);

    /// <summary>Each statement in a few words: "Allow * ; Deny * if NotIpAddress aws:SourceIp 10.0.0.0/8".</summary>
    public override string ToString() => string.Join("; ", Statement.Select(Describe));

    /// <summary>
    /// The policy as GetRestApi returns it (AWS escapes its quotes and slashes inside the string); null when
    /// there is none or it is not a JSON object.
    /// </summary>
    public static ResourcePolicy? FromAws(string? policy)
    {
        if (string.IsNullOrEmpty(policy))
        {
            return null;
        }
        var json = policy.TrimStart().StartsWith("{\\\"", StringComparison.Ordinal) ? Unescape(policy) : policy;
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object ? FromElement(document.RootElement) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static ResourcePolicy FromElement(JsonElement root)
    {
        var version = root.TryGetProperty("Version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
        var statements = !root.TryGetProperty("Statement", out var s) ? []
            : s.ValueKind == JsonValueKind.Array ? s.EnumerateArray().Select(ReadStatement).ToList()
            : [ReadStatement(s)];
        return new ResourcePolicy(version, statements);
    }

    private static IDictionary<string, object?> ReadStatement(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object
            ? element.EnumerateObject().ToDictionary(property => property.Name, property => Value(property.Value), StringComparer.Ordinal)
            : new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>Plain values ConvertTo-Json writes back as they were: strings, string arrays, dictionaries, numbers, booleans.</summary>
    private static object? Value(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Array when element.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String) =>
            element.EnumerateArray().Select(item => item.GetString()!).ToArray(),
        JsonValueKind.Array => element.EnumerateArray().Select(Value).ToArray(),
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(property => property.Name, property => Value(property.Value), StringComparer.Ordinal),
        JsonValueKind.Number => element.TryGetInt64(out var whole) ? whole : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    private static string Describe(IDictionary<string, object?> statement)
    {
        var text = new StringBuilder();
        text.Append(statement.TryGetValue("Effect", out var effect) ? effect : "?");
        if (statement.TryGetValue("Principal", out var principal))
        {
            text.Append(' ').Append(Words(principal));
        }
        else if (statement.TryGetValue("NotPrincipal", out var notPrincipal))
        {
            text.Append(" all but ").Append(Words(notPrincipal));
        }
        if (statement.TryGetValue("Resource", out var resource) && Words(resource) is var resources && resources != "*")
        {
            // arn:aws:execute-api:region:account:api/stage/VERB/path reads as api/stage/VERB/path.
            text.Append(" on ").Append(string.Join(",", resources.Split(',').Select(arn =>
                arn.StartsWith("arn:aws:execute-api:", StringComparison.Ordinal) ? arn.Split(':', 6)[^1] : arn)));
        }
        if (statement.TryGetValue("Condition", out var condition) && condition is IDictionary<string, object?> operators)
        {
            foreach (var (op, keys) in operators)
            {
                text.Append(" if ").Append(op).Append(' ').Append(Words(keys));
            }
        }
        return text.ToString();
    }

    private static string Words(object? value) => value switch
    {
        null => "",
        string text => text,
        IDictionary<string, object?> map => string.Join(" ", map.Select(pair => $"{pair.Key} {Words(pair.Value)}")),
        System.Collections.IEnumerable items => string.Join(",", items.Cast<object?>().Select(Words)),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Unescape(string escaped)
    {
        var json = new StringBuilder(escaped.Length);
        for (var i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] == '\\' && i + 1 < escaped.Length)
            {
                i++;
            }
            json.Append(escaped[i]);
        }
        return json.ToString();
    }
}
