using System.Text.Json;

namespace ApiGatewayTools.LocalGateway.DataPlane.Validation;

/// <summary>
/// Equality of JSON values as draft 4 defines it for <c>enum</c> and <c>uniqueItems</c>: numbers compare by
/// value (1 equals 1.0), objects regardless of the order of their members, arrays item by item.
/// </summary>
internal static class JsonValues
{
    public static bool Equal(JsonElement left, JsonElement right)
    {
        var kind = left.ValueKind;
        if (kind != right.ValueKind)
        {
            return false;
        }
        switch (kind)
        {
            case JsonValueKind.Number:
                return NumbersEqual(left, right);
            case JsonValueKind.String:
                return left.ValueEquals(right.GetString());
            case JsonValueKind.Array:
                if (left.GetArrayLength() != right.GetArrayLength())
                {
                    return false;
                }
                using (var l = left.EnumerateArray())
                using (var r = right.EnumerateArray())
                {
                    while (l.MoveNext() && r.MoveNext())
                    {
                        if (!Equal(l.Current, r.Current))
                        {
                            return false;
                        }
                    }
                }
                return true;
            case JsonValueKind.Object:
                var count = 0;
                foreach (var member in left.EnumerateObject())
                {
                    count++;
                    if (!right.TryGetProperty(member.Name, out var other) || !Equal(member.Value, other))
                    {
                        return false;
                    }
                }
                return count == CountMembers(right);
            default:
                return true; // null, true and false: the same kind is the same value
        }
    }

    /// <summary>A hash that agrees with <see cref="Equal"/>, so that uniqueness is checked in linear time.</summary>
    public static int Hash(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                return value.TryGetDecimal(out var number) ? number.GetHashCode() : value.GetDouble().GetHashCode();
            case JsonValueKind.String:
                return StringComparer.Ordinal.GetHashCode(value.GetString()!);
            case JsonValueKind.Array:
                var arrayHash = new HashCode();
                foreach (var item in value.EnumerateArray())
                {
                    arrayHash.Add(Hash(item));
                }
                return arrayHash.ToHashCode();
            case JsonValueKind.Object:
                // Members in any order hash alike: their hashes are combined by a commutative sum.
                var objectHash = 17;
                foreach (var member in value.EnumerateObject())
                {
                    objectHash += HashCode.Combine(StringComparer.Ordinal.GetHashCode(member.Name), Hash(member.Value));
                }
                return objectHash;
            default:
                return value.ValueKind.GetHashCode();
        }
    }

    private static bool NumbersEqual(JsonElement left, JsonElement right) =>
        left.TryGetDecimal(out var l) && right.TryGetDecimal(out var r) ? l == r : left.GetDouble() == right.GetDouble();

    private static int CountMembers(JsonElement value)
    {
        var count = 0;
        foreach (var _ in value.EnumerateObject())
        {
            count++;
        }
        return count;
    }
}
