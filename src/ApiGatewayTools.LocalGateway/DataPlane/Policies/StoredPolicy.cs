using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiGatewayTools.LocalGateway.DataPlane.Policies;

/// <summary>
/// A REST API's resource policy in the form API Gateway keeps and returns it: minified, the short
/// "execute-api:/..." resources expanded to the API's ARN, and quotes and slashes backslash-escaped inside the
/// string (clients unescape it before reading it as JSON).
/// </summary>
internal static class StoredPolicy
{
    private static readonly JsonSerializerOptions Minified = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The stored form of a submitted policy document for the API; a <see cref="MalformedPolicyException"/>
    /// when it is not a valid resource policy. Null or empty clears the policy.
    /// </summary>
    public static string? Store(string? submitted, string restApiId, string region, string account)
    {
        if (string.IsNullOrEmpty(submitted))
        {
            return null;
        }
        JsonNode? document;
        try
        {
            document = JsonNode.Parse(submitted);
        }
        catch (JsonException e)
        {
            throw new MalformedPolicyException($"The policy document is not valid JSON: {e.Message}");
        }
        if (document is JsonObject root && root["Statement"] is { } statements)
        {
            foreach (var statement in statements is JsonArray array ? array.OfType<JsonObject>() : statements is JsonObject one ? [one] : [])
            {
                ExpandResources(statement, "Resource", restApiId, region, account);
                ExpandResources(statement, "NotResource", restApiId, region, account);
            }
        }
        var minified = document?.ToJsonString(Minified) ?? "null";
        IamPolicy.Parse(minified, PolicyKind.Resource);
        return Escape(minified);
    }

    /// <summary>The policy a stored form holds; null when there is none (or, defensively, when it no longer parses).</summary>
    public static IamPolicy? Load(string? stored) =>
        stored is null ? null : IamPolicy.TryParse(Unescape(stored), PolicyKind.Resource, out _);

    /// <summary>The policy document a stored form holds, as plain JSON (the stored form is escaped as AWS returns it).</summary>
    public static string Json(string stored) => Unescape(stored);

    private static void ExpandResources(JsonObject statement, string name, string restApiId, string region, string account)
    {
        const string Short = "execute-api:/";
        string Expand(string resource) => resource.StartsWith(Short, StringComparison.Ordinal)
            ? $"arn:aws:execute-api:{region}:{account}:{restApiId}/{resource[Short.Length..]}"
            : resource;
        switch (statement[name])
        {
            case JsonValue value when value.TryGetValue<string>(out var text):
                statement[name] = Expand(text);
                break;
            case JsonArray list:
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i] is JsonValue item && item.TryGetValue<string>(out var itemText))
                    {
                        list[i] = Expand(itemText);
                    }
                }
                break;
        }
    }

    private static string Escape(string json)
    {
        var escaped = new StringBuilder(json.Length + json.Length / 4);
        foreach (var c in json)
        {
            if (c is '\\' or '"' or '/')
            {
                escaped.Append('\\');
            }
            escaped.Append(c);
        }
        return escaped.ToString();
    }

    private static string Unescape(string stored)
    {
        var json = new StringBuilder(stored.Length);
        for (var i = 0; i < stored.Length; i++)
        {
            if (stored[i] == '\\' && i + 1 < stored.Length)
            {
                i++;
            }
            json.Append(stored[i]);
        }
        return json.ToString();
    }
}
