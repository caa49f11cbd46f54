using System.Text.Json;
using ApiGatewayTools.LocalGateway.Http;

namespace ApiGatewayTools.LocalGateway.Json;

/// <summary>One entry of API Gateway's patchOperations: the JSON Patch subset it accepts.</summary>
internal sealed record PatchOperation(string Op, string Path, string? Value, string? From)
{
    private static readonly string[] KnownOps = ["add", "remove", "replace", "move", "copy", "test"];

    /// <summary>The path split on "/" with "~1" read back as "/" and "~0" as "~".</summary>
    public IReadOnlyList<string> Segments { get; } = Path.Split('/').Skip(1)
        .Select(part => part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();

    /// <summary>The path split on "/" with escapes kept, for keys AWS stores escaped (method settings).</summary>
    public IReadOnlyList<string> RawSegments => Path.Split('/').Skip(1).ToList();

    public static IReadOnlyList<PatchOperation> ReadAll(JsonElement body)
    {
        if (!body.TryGetProperty("patchOperations", out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return [];
        }
        if (list.ValueKind != JsonValueKind.Array)
        {
            throw GatewayError.BadRequest("Invalid request input: patchOperations must be a list.");
        }
        var operations = new List<PatchOperation>();
        foreach (var item in list.EnumerateArray())
        {
            var op = JsonRead.String(item, "op")?.ToLowerInvariant();
            var path = JsonRead.String(item, "path");
            if (op is null || !KnownOps.Contains(op))
            {
                throw GatewayError.BadRequest($"Invalid patch operation specified. Must be one of: [{string.Join(", ", KnownOps)}]");
            }
            if (path is null || !path.StartsWith('/'))
            {
                throw GatewayError.BadRequest($"Invalid patch path {path ?? "null"}");
            }
            operations.Add(new PatchOperation(op, path, JsonRead.String(item, "value"), JsonRead.String(item, "from")));
        }
        return operations;
    }

    /// <summary>
    /// The one way an Update handler changes an object: every operation is applied to <paramref name="copy"/>
    /// (made with `with`, so it shares nothing with the stored object), then the whole result is validated.
    /// The caller swaps the copy in only when this returns, so a refused operation, early or late, leaves
    /// nothing applied. A path or op the kind does not serve is refused by its <paramref name="apply"/> with
    /// <see cref="Unsupported"/>.
    /// </summary>
    public static T ApplyAll<T>(IReadOnlyList<PatchOperation> operations, T copy, Action<T, PatchOperation> apply, Action<T>? validate = null)
    {
        foreach (var operation in operations)
        {
            apply(copy, operation);
        }
        validate?.Invoke(copy);
        return copy;
    }

    /// <summary>Whether this operation sets (add, replace) or clears (remove) an optional field.</summary>
    public bool SetsOrClears => Op is "add" or "replace" or "remove";

    /// <summary>The optional field's new value under <see cref="SetsOrClears"/>: null once removed.</summary>
    public string? OptionalValue => Op == "remove" ? null : Value;

    public string RequiredValue => Value ?? throw GatewayError.BadRequest($"Invalid patch operation: value is required for {Op} {Path}.");

    public bool BoolValue => bool.TryParse(RequiredValue, out var flag)
        ? flag
        : throw GatewayError.BadRequest($"Invalid boolean value for {Path}: {Value}");

    public int IntValue => int.TryParse(RequiredValue, System.Globalization.CultureInfo.InvariantCulture, out var number)
        ? number
        : throw GatewayError.BadRequest($"Invalid integer value for {Path}: {Value}");

    public GatewayError Unsupported() =>
        GatewayError.BadRequest($"Invalid patch path '{Path}' specified for op '{Op}'.");

    /// <summary>
    /// Applies add/replace/remove to a string map at /{prefix}/{key}: the common shape of
    /// requestParameters, variables, requestTemplates and similar maps.
    /// </summary>
    public void ApplyToMap(Dictionary<string, string> map, string key)
    {
        switch (Op)
        {
            case "remove":
                if (!map.Remove(key))
                {
                    throw GatewayError.BadRequest($"Cannot remove {key}: it does not exist.");
                }
                break;
            case "add" or "replace":
                map[key] = RequiredValue;
                break;
            case "copy" or "move":
                var fromKey = SiblingKeyOfFrom();
                if (!map.TryGetValue(fromKey, out var value))
                {
                    throw GatewayError.BadRequest($"Cannot {Op} from {From}: it does not exist.");
                }
                if (Op == "move")
                {
                    map.Remove(fromKey);
                }
                map[key] = value;
                break;
            default:
                throw Unsupported();
        }
    }

    /// <summary>For copy and move inside one map: "from" must name another key of the same map.</summary>
    private string SiblingKeyOfFrom()
    {
        var prefix = Path[..(Path.LastIndexOf('/') + 1)];
        if (From is null || !From.StartsWith(prefix, StringComparison.Ordinal) || From.Length == prefix.Length)
        {
            throw GatewayError.BadRequest($"Invalid 'from' for {Op} {Path}: {From ?? "null"}");
        }
        return From[prefix.Length..].Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
    }

    public void ApplyToBoolMap(Dictionary<string, bool> map, string key)
    {
        if (Op == "remove")
        {
            if (!map.Remove(key))
            {
                throw GatewayError.BadRequest($"Cannot remove {key}: it does not exist.");
            }
            return;
        }
        map[key] = Op is "add" or "replace" ? BoolValue : throw Unsupported();
    }
}
