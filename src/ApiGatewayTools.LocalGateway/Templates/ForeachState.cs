namespace ApiGatewayTools.LocalGateway.Templates;

/// <summary><c>$foreach</c> inside a loop: where the loop is, and the enclosing loop's state as <c>parent</c>.</summary>
internal sealed class ForeachState(int total, ForeachState? parent) : ITemplateObject
{
    public int Index { get; set; }

    public string Name => "$foreach";

    public bool TryGetProperty(string name, out object? value)
    {
        value = name switch
        {
            "index" => (long)Index,
            "count" => (long)Index + 1,
            "hasNext" => Index + 1 < total,
            "first" => Index == 0,
            "last" => Index + 1 == total,
            "parent" => parent,
            _ => null,
        };
        return value is not null || name == "parent";
    }

    /// <summary>Velocity lets templates write either $foreach.hasNext or $foreach.hasNext().</summary>
    public bool TryInvoke(string method, IReadOnlyList<object?> arguments, SourcePosition position, out object? result)
    {
        var getter = method.StartsWith("get", StringComparison.Ordinal) && method.Length > 3
            ? char.ToLowerInvariant(method[3]) + method[4..]
            : method;
        if (!TryGetProperty(getter, out result))
        {
            return false;
        }
        ValueMethods.Arity(method, arguments, 0, position);
        return true;
    }

    public override string ToString() => Name;
}
