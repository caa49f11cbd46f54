using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ApiGatewayTools.LocalGateway.DataPlane.Validation;

/// <summary>
/// One schema object of a compiled model: the draft 4 keywords it has, read once, and the nodes of its
/// subschemas. <see cref="Check"/> answers whether a value matches; given a list, it also says why not, in
/// the words of API Gateway's validator.
/// </summary>
/// <remarks>
/// A check without a list stops at the first broken rule and builds no text, which is the path every valid
/// request takes. Pointers and messages are only built when a list is given.
/// </remarks>
internal sealed class SchemaNode
{
    /// <summary>How deep references may lead without the value getting any deeper (allOf: [{$ref: "#"}]).</summary>
    private const int MaxDepth = 128;

    /// <summary>How long one pattern may take on one value when the pattern needs backtracking (a pattern that can run in linear time always does).</summary>
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>The empty schema, which every value matches; also what a reference that names nothing compiles to.</summary>
    public static readonly SchemaNode AcceptsAnything = new();

    private SchemaNode? _reference;

    private JsonTypes _types;
    private string? _typeNames;
    private JsonElement[]? _enum;
    private string? _enumText;

    private Bound? _minimum;
    private Bound? _maximum;
    private bool _exclusiveMinimum;
    private bool _exclusiveMaximum;
    private Bound? _multipleOf;

    private int? _minLength;
    private int? _maxLength;
    private Regex? _pattern;
    private Func<string, string?>? _format;

    private SchemaNode? _items;
    private SchemaNode[]? _tupleItems;
    private bool _additionalItemsForbidden;
    private SchemaNode? _additionalItems;
    private int? _minItems;
    private int? _maxItems;
    private bool _uniqueItems;

    private int? _minProperties;
    private int? _maxProperties;
    private Name[]? _required;
    private (Name Name, SchemaNode Schema)[]? _properties;
    private (Regex Pattern, SchemaNode Schema)[]? _patternProperties;
    private bool _additionalPropertiesForbidden;
    private SchemaNode? _additionalProperties;
    private (Name Name, SchemaNode? Schema, Name[]? Names)[]? _dependencies;

    private SchemaNode[]? _allOf;
    private SchemaNode[]? _anyOf;
    private SchemaNode[]? _oneOf;
    private SchemaNode? _not;

    /// <summary>The JSON types draft 4 names; integer is a number without a fraction or an exponent.</summary>
    [Flags]
    private enum JsonTypes
    {
        None = 0,
        Array = 1,
        Boolean = 2,
        Integer = 4,
        Null = 8,
        Number = 16,
        Object = 32,
        String = 64,
    }

    /// <summary>A property name, with its UTF-8 bytes so that a body's members compare without being decoded.</summary>
    private sealed record Name(string Text)
    {
        public byte[] Utf8 { get; } = Encoding.UTF8.GetBytes(Text);
    }

    /// <summary>A number of the schema, exact where a decimal holds it and as a double otherwise, with its text for messages.</summary>
    private sealed record Bound(decimal? Exact, double Approximate, string Text)
    {
        public static Bound Of(JsonElement number) =>
            new(number.TryGetDecimal(out var exact) ? exact : null, AsDouble(number), number.GetRawText());

        /// <summary>-1, 0 or 1 as the value is below, at or above this bound.</summary>
        public int CompareWith(JsonElement value) =>
            Exact is { } exact && value.TryGetDecimal(out var number) ? number.CompareTo(exact) : AsDouble(value).CompareTo(Approximate);

        public bool Divides(JsonElement value)
        {
            if (Exact is { } exact && exact != 0 && value.TryGetDecimal(out var number))
            {
                return number % exact == 0;
            }
            var quotient = AsDouble(value) / Approximate;
            return double.IsFinite(quotient) && quotient == Math.Floor(quotient);
        }

        /// <summary>A number as a double; one too large for a double is an infinity of its sign.</summary>
        private static double AsDouble(JsonElement number) =>
            number.TryGetDouble(out var value) && double.IsFinite(value) ? value
            : number.GetRawText().StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity;
    }

    /// <summary>Reads the keywords of one schema object; <paramref name="child"/> gives the node of a subschema, by relative pointer or by reference.</summary>
    public void Fill(JsonElement schema, Func<string?, string?, SchemaNode> child)
    {
        if (schema.TryGetProperty("$ref", out var reference) && reference.ValueKind == JsonValueKind.String)
        {
            // Draft 4: an object with $ref is that reference; its other members are not schema keywords.
            _reference = child(null, reference.GetString());
            return;
        }
        SchemaNode Sub(string relative) => child(relative, null);
        SchemaNode[] Subs(string keyword, JsonElement list) =>
            [.. list.EnumerateArray().Select((_, index) => Sub($"/{keyword}/{index}"))];

        foreach (var keyword in schema.EnumerateObject())
        {
            var value = keyword.Value;
            switch (keyword.Name)
            {
                case "type":
                    string[] names = value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray().Select(type => type.GetString()!)] : [value.GetString()!];
                    _types = names.Aggregate(JsonTypes.None, (all, name) => all | TypeNamed(name));
                    _typeNames = NameList(names);
                    break;
                case "enum":
                    _enum = [.. value.EnumerateArray().Select(item => item.Clone())];
                    _enumText = Compact(value);
                    break;
                case "minimum":
                    _minimum = Bound.Of(value);
                    break;
                case "maximum":
                    _maximum = Bound.Of(value);
                    break;
                case "exclusiveMinimum":
                    _exclusiveMinimum = value.ValueKind == JsonValueKind.True;
                    break;
                case "exclusiveMaximum":
                    _exclusiveMaximum = value.ValueKind == JsonValueKind.True;
                    break;
                case "multipleOf":
                    _multipleOf = Bound.Of(value);
                    break;
                case "minLength":
                    _minLength = Integer(value);
                    break;
                case "maxLength":
                    _maxLength = Integer(value);
                    break;
                case "pattern":
                    _pattern = Pattern(value.GetString()!);
                    break;
                case "format":
                    _format = StringFormats.For(value.GetString()!);
                    break;
                case "items" when value.ValueKind == JsonValueKind.Array:
                    _tupleItems = Subs("items", value);
                    break;
                case "items":
                    _items = Sub("/items");
                    break;
                case "additionalItems":
                    _additionalItemsForbidden = value.ValueKind == JsonValueKind.False;
                    _additionalItems = value.ValueKind == JsonValueKind.Object ? Sub("/additionalItems") : null;
                    break;
                case "minItems":
                    _minItems = Integer(value);
                    break;
                case "maxItems":
                    _maxItems = Integer(value);
                    break;
                case "uniqueItems":
                    _uniqueItems = value.ValueKind == JsonValueKind.True;
                    break;
                case "minProperties":
                    _minProperties = Integer(value);
                    break;
                case "maxProperties":
                    _maxProperties = Integer(value);
                    break;
                case "required":
                    _required = [.. value.EnumerateArray().Select(name => new Name(name.GetString()!))];
                    break;
                case "properties":
                    _properties = [.. value.EnumerateObject().Select(member => (new Name(member.Name), Sub($"/properties/{Escape(member.Name)}")))];
                    break;
                case "patternProperties":
                    _patternProperties = [.. value.EnumerateObject()
                        .Select(member => (Pattern(member.Name), Sub($"/patternProperties/{Escape(member.Name)}")))
                        .Where(pair => pair.Item1 is not null)
                        .Select(pair => (pair.Item1!, pair.Item2))];
                    break;
                case "additionalProperties":
                    _additionalPropertiesForbidden = value.ValueKind == JsonValueKind.False;
                    _additionalProperties = value.ValueKind == JsonValueKind.Object ? Sub("/additionalProperties") : null;
                    break;
                case "dependencies":
                    _dependencies = [.. value.EnumerateObject().Select(member => member.Value.ValueKind == JsonValueKind.Array
                        ? (new Name(member.Name), (SchemaNode?)null, (Name[]?)[.. member.Value.EnumerateArray().Select(name => new Name(name.GetString()!))])
                        : (new Name(member.Name), Sub($"/dependencies/{Escape(member.Name)}"), null))];
                    break;
                case "allOf":
                    _allOf = Subs("allOf", value);
                    break;
                case "anyOf":
                    _anyOf = Subs("anyOf", value);
                    break;
                case "oneOf":
                    _oneOf = Subs("oneOf", value);
                    break;
                case "not":
                    _not = Sub("/not");
                    break;
            }
        }
    }

    /// <summary>
    /// Whether the value matches this schema. With <paramref name="violations"/>, every broken rule is added
    /// to it with <paramref name="pointer"/> (the value's JSON pointer); without, the check stops at the first.
    /// </summary>
    public bool Check(JsonElement value, List<SchemaViolation>? violations, string? pointer, int depth)
    {
        if (depth > MaxDepth)
        {
            violations?.Add(new("the schema's references lead deeper than can be checked", pointer!));
            return false;
        }
        if (_reference is not null)
        {
            return _reference.Check(value, violations, pointer, depth + 1);
        }
        var valid = CheckCombinations(value, violations, pointer, depth)
            && CheckEnumAndType(value, violations, pointer);
        if (!valid && violations is null)
        {
            return false;
        }
        valid &= value.ValueKind switch
        {
            JsonValueKind.Number => CheckNumber(value, violations, pointer),
            JsonValueKind.String => CheckString(value, violations, pointer),
            JsonValueKind.Array => CheckArray(value, violations, pointer),
            JsonValueKind.Object => CheckObject(value, violations, pointer, depth),
            _ => true,
        };
        // Members and items are checked only when the value itself passed, as API Gateway's validator does.
        return valid && value.ValueKind switch
        {
            JsonValueKind.Array => CheckItems(value, violations, pointer, depth),
            JsonValueKind.Object => CheckMembers(value, violations, pointer, depth),
            _ => true,
        };
    }

    private bool CheckCombinations(JsonElement value, List<SchemaViolation>? violations, string? pointer, int depth)
    {
        var valid = true;
        if (_allOf is not null)
        {
            var matched = Matching(_allOf, value, depth, stopAtFirstMiss: violations is null);
            if (matched < _allOf.Length && StopAt(violations, pointer, $"instance failed to match all required schemas (matched only {matched} out of {_allOf.Length})", ref valid))
            {
                return false;
            }
        }
        if (_anyOf is not null && Matching(_anyOf, value, depth, stopAtFirstMatch: true) == 0 && StopAt(violations, pointer, $"instance failed to match at least one required schema among {_anyOf.Length}", ref valid))
        {
            return false;
        }
        if (_oneOf is not null && Matching(_oneOf, value, depth) is var matches && matches != 1 && StopAt(violations, pointer, $"instance failed to match exactly one schema (matched {matches} out of {_oneOf.Length})", ref valid))
        {
            return false;
        }
        if (_not is not null && _not.Check(value, null, null, depth + 1) && StopAt(violations, pointer, "instance matched a schema which it should not have", ref valid))
        {
            return false;
        }
        return valid;
    }

    /// <summary>
    /// Records a broken rule: the value is not valid, and the message goes on the list when there is one. True
    /// when there is none, which means the check stops at this first broken rule.
    /// </summary>
    private static bool StopAt(List<SchemaViolation>? violations, string? pointer, string message, ref bool valid)
    {
        valid = false;
        violations?.Add(new(message, pointer!));
        return violations is null;
    }

    /// <summary>How many of the schemas the value matches, counting until the first miss or match when asked to stop there.</summary>
    private static int Matching(SchemaNode[] schemas, JsonElement value, int depth, bool stopAtFirstMiss = false, bool stopAtFirstMatch = false)
    {
        var matched = 0;
        foreach (var schema in schemas)
        {
            if (schema.Check(value, null, null, depth + 1))
            {
                matched++;
                if (stopAtFirstMatch)
                {
                    break;
                }
            }
            else if (stopAtFirstMiss)
            {
                break;
            }
        }
        return matched;
    }

    private bool CheckEnumAndType(JsonElement value, List<SchemaViolation>? violations, string? pointer)
    {
        var valid = true;
        if (_enum is not null && !InEnum(value) && StopAt(violations, pointer, $"instance value ({Compact(value)}) not found in enum (possible values: {_enumText})", ref valid))
        {
            return false;
        }
        if (_types != JsonTypes.None && (_types & TypeOf(value)) == 0 && StopAt(violations, pointer, $"instance type ({Kind(value).ToString().ToLowerInvariant()}) does not match any allowed primitive type (allowed: {_typeNames})", ref valid))
        {
            return false;
        }
        return valid;
    }

    // Loops rather than lambdas on the paths every request takes: a lambda over a parameter allocates on each call.
    private bool InEnum(JsonElement value)
    {
        foreach (var allowed in _enum!)
        {
            if (JsonValues.Equal(allowed, value))
            {
                return true;
            }
        }
        return false;
    }

    private bool CheckNumber(JsonElement value, List<SchemaViolation>? violations, string? pointer)
    {
        var valid = true;
        if (_maximum is not null && _maximum.CompareWith(value) is var above && (above > 0 || (_exclusiveMaximum && above == 0)) && StopAt(violations, pointer, above > 0
                ? $"numeric instance is greater than the required maximum (maximum: {_maximum.Text}, found: {value.GetRawText()})"
                : $"numeric instance is not strictly lower than the required maximum {_maximum.Text}", ref valid))
        {
            return false;
        }
        if (_minimum is not null && _minimum.CompareWith(value) is var below && (below < 0 || (_exclusiveMinimum && below == 0)) && StopAt(violations, pointer, below < 0
                ? $"numeric instance is lower than the required minimum (minimum: {_minimum.Text}, found: {value.GetRawText()})"
                : $"numeric instance is not strictly greater than the required minimum {_minimum.Text}", ref valid))
        {
            return false;
        }
        if (_multipleOf is not null && !_multipleOf.Divides(value) && StopAt(violations, pointer, $"remainder of division is not zero ({value.GetRawText()} / {_multipleOf.Text})", ref valid))
        {
            return false;
        }
        return valid;
    }

    private bool CheckString(JsonElement value, List<SchemaViolation>? violations, string? pointer)
    {
        if (_minLength is null && _maxLength is null && _pattern is null && _format is null)
        {
            return true;
        }
        var text = value.GetString()!;
        var valid = true;
        if (_format?.Invoke(text) is { } wrongFormat && StopAt(violations, pointer, wrongFormat, ref valid))
        {
            return false;
        }
        var length = _minLength is null && _maxLength is null ? 0 : CodePoints(text);
        if (length > _maxLength && StopAt(violations, pointer, $"string \"{text}\" is too long (length: {length}, maximum allowed: {_maxLength})", ref valid))
        {
            return false;
        }
        if (length < _minLength && StopAt(violations, pointer, $"string \"{text}\" is too short (length: {length}, required minimum: {_minLength})", ref valid))
        {
            return false;
        }
        if (_pattern is not null && !Matches(_pattern, text) && StopAt(violations, pointer, $"ECMA 262 regex \"{_pattern}\" does not match input string \"{text}\"", ref valid))
        {
            return false;
        }
        return valid;
    }

    private bool CheckArray(JsonElement value, List<SchemaViolation>? violations, string? pointer)
    {
        var count = value.GetArrayLength();
        var valid = true;
        if (_additionalItemsForbidden && _tupleItems is not null && count > _tupleItems.Length && StopAt(violations, pointer, $"array only allows {_tupleItems.Length} elements but instance has {count} elements", ref valid))
        {
            return false;
        }
        if (count > _maxItems && StopAt(violations, pointer, $"array is too long: must have at most {_maxItems} elements but instance has {count} elements", ref valid))
        {
            return false;
        }
        if (count < _minItems && StopAt(violations, pointer, $"array is too short: must have at least {_minItems} elements but instance has {count} elements", ref valid))
        {
            return false;
        }
        if (_uniqueItems && HasDuplicates(value) && StopAt(violations, pointer, "array must not contain duplicate elements", ref valid))
        {
            return false;
        }
        return valid;
    }

    private bool CheckObject(JsonElement value, List<SchemaViolation>? violations, string? pointer, int depth)
    {
        var valid = true;
        if (_additionalPropertiesForbidden)
        {
            List<string>? forbidden = null;
            foreach (var member in value.EnumerateObject())
            {
                if (Declared(member) is null && !MatchesAnyPattern(member))
                {
                    if (violations is null)
                    {
                        return false;
                    }
                    (forbidden ??= []).Add(member.Name);
                }
            }
            if (forbidden is not null)
            {
                valid = false;
                violations!.Add(new($"object instance has properties which are not allowed by the schema: {NameList(forbidden)}", pointer!));
            }
        }
        if (_dependencies is not null && !CheckDependencies(value, violations, pointer, depth))
        {
            if (violations is null)
            {
                return false;
            }
            valid = false;
        }
        if (_maxProperties is not null || _minProperties is not null)
        {
            var count = value.EnumerateObject().Count();
            if (count > _maxProperties && StopAt(violations, pointer, $"object has too many properties (found {count} but schema requires at most {_maxProperties})", ref valid))
            {
                return false;
            }
            if (count < _minProperties && StopAt(violations, pointer, $"object has too few properties (found {count} but schema requires at least {_minProperties})", ref valid))
            {
                return false;
            }
        }
        if (_required is not null)
        {
            List<string>? missing = null;
            foreach (var name in _required)
            {
                if (!value.TryGetProperty(name.Utf8, out _))
                {
                    if (violations is null)
                    {
                        return false;
                    }
                    (missing ??= []).Add(name.Text);
                }
            }
            if (missing is not null)
            {
                valid = false;
                violations!.Add(new($"object has missing required properties ({NameList(missing)})", pointer!));
            }
        }
        return valid;
    }

    private bool CheckDependencies(JsonElement value, List<SchemaViolation>? violations, string? pointer, int depth)
    {
        var valid = true;
        foreach (var (name, schema, names) in _dependencies!)
        {
            if (!value.TryGetProperty(name.Utf8, out _))
            {
                continue;
            }
            if (schema is not null && !schema.Check(value, violations, pointer, depth + 1))
            {
                if (violations is null)
                {
                    return false;
                }
                valid = false;
            }
            if (names is not null && MissingNames(value, names) is { } missing && StopAt(violations, pointer, $"property \"{name.Text}\" of object has missing property dependencies (schema requires {NameList(names.Select(n => n.Text))}; missing: {NameList(missing)})", ref valid))
            {
                return false;
            }
        }
        return valid;
    }

    private static List<string>? MissingNames(JsonElement value, Name[] names)
    {
        List<string>? missing = null;
        foreach (var name in names)
        {
            if (!value.TryGetProperty(name.Utf8, out _))
            {
                (missing ??= []).Add(name.Text);
            }
        }
        return missing;
    }

    private bool CheckItems(JsonElement value, List<SchemaViolation>? violations, string? pointer, int depth)
    {
        if (_items is null && _tupleItems is null)
        {
            return true;
        }
        var valid = true;
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var schema = _items ?? (index < _tupleItems!.Length ? _tupleItems[index] : _additionalItems);
            if (schema is not null && !schema.Check(item, violations, violations is null ? null : $"{pointer}/{index}", depth + 1))
            {
                if (violations is null)
                {
                    return false;
                }
                valid = false;
            }
            index++;
        }
        return valid;
    }

    private bool CheckMembers(JsonElement value, List<SchemaViolation>? violations, string? pointer, int depth)
    {
        if (_properties is null && _patternProperties is null && _additionalProperties is null)
        {
            return true;
        }
        var valid = true;
        foreach (var member in value.EnumerateObject())
        {
            var memberPointer = violations is null ? null : $"{pointer}/{Escape(member.Name)}";
            var declared = Declared(member);
            var covered = declared is not null;
            if (declared is not null && !declared.Check(member.Value, violations, memberPointer, depth + 1))
            {
                if (violations is null)
                {
                    return false;
                }
                valid = false;
            }
            if (_patternProperties is not null)
            {
                var name = member.Name;
                foreach (var (pattern, schema) in _patternProperties)
                {
                    if (!Matches(pattern, name))
                    {
                        continue;
                    }
                    covered = true;
                    if (!schema.Check(member.Value, violations, memberPointer, depth + 1))
                    {
                        if (violations is null)
                        {
                            return false;
                        }
                        valid = false;
                    }
                }
            }
            if (!covered && _additionalProperties is not null && !_additionalProperties.Check(member.Value, violations, memberPointer, depth + 1))
            {
                if (violations is null)
                {
                    return false;
                }
                valid = false;
            }
        }
        return valid;
    }

    /// <summary>The schema <c>properties</c> declares for a member; null when it declares none.</summary>
    private SchemaNode? Declared(JsonProperty member)
    {
        if (_properties is null)
        {
            return null;
        }
        foreach (var (name, schema) in _properties)
        {
            if (member.NameEquals(name.Utf8))
            {
                return schema;
            }
        }
        return null;
    }

    private bool MatchesAnyPattern(JsonProperty member)
    {
        if (_patternProperties is null)
        {
            return false;
        }
        var name = member.Name;
        foreach (var (pattern, _) in _patternProperties)
        {
            if (Matches(pattern, name))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Whether two items of the array are equal as JSON values; hashing keeps it linear for long arrays.</summary>
    private static bool HasDuplicates(JsonElement array)
    {
        var seen = new Dictionary<int, List<JsonElement>>();
        foreach (var item in array.EnumerateArray())
        {
            var hash = JsonValues.Hash(item);
            if (!seen.TryGetValue(hash, out var same))
            {
                seen[hash] = [item];
                continue;
            }
            if (same.Any(other => JsonValues.Equal(other, item)))
            {
                return true;
            }
            same.Add(item);
        }
        return false;
    }

    /// <summary>
    /// A schema's pattern (ECMA 262, unanchored): linear-time matching when the pattern allows it, and a time
    /// limit otherwise, so that no body can make one pattern run away. A pattern .NET cannot read checks nothing.
    /// </summary>
    private static Regex? Pattern(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        }
        catch (NotSupportedException)
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, PatternTimeout);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>A pattern that runs out of time on a value does not match it.</summary>
    private static bool Matches(Regex? pattern, string text)
    {
        try
        {
            return pattern is null || pattern.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static JsonTypes TypeNamed(string? name) => name switch
    {
        "array" => JsonTypes.Array,
        "boolean" => JsonTypes.Boolean,
        "integer" => JsonTypes.Integer,
        "null" => JsonTypes.Null,
        "number" => JsonTypes.Number | JsonTypes.Integer,
        "object" => JsonTypes.Object,
        "string" => JsonTypes.String,
        _ => JsonTypes.None,
    };

    /// <summary>The types a value is an instance of: an integer is a number too.</summary>
    private static JsonTypes TypeOf(JsonElement value) =>
        Kind(value) is var kind && kind == JsonTypes.Integer ? JsonTypes.Integer | JsonTypes.Number : kind;

    /// <summary>The one type that names a value in a message.</summary>
    private static JsonTypes Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => JsonTypes.Array,
        JsonValueKind.True or JsonValueKind.False => JsonTypes.Boolean,
        JsonValueKind.Null => JsonTypes.Null,
        JsonValueKind.Object => JsonTypes.Object,
        JsonValueKind.String => JsonTypes.String,
        _ => value.TryGetInt64(out _) || value.GetRawText().AsSpan().IndexOfAny(".eE") < 0 ? JsonTypes.Integer : JsonTypes.Number,
    };

    /// <summary>A value as compact JSON, as messages quote it.</summary>
    private static string Compact(JsonElement value) =>
        value.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? JsonSerializer.Serialize(value) : value.GetRawText();

    /// <summary>Names as a JSON array in sorted order, as the validator lists them.</summary>
    private static string NameList(IEnumerable<string> names) =>
        $"[{string.Join(",", names.Order(StringComparer.Ordinal).Select(name => JsonSerializer.Serialize(name)))}]";

    /// <summary>Unicode characters, not UTF-16 units: a character outside the basic plane counts once.</summary>
    private static int CodePoints(string text)
    {
        var count = text.Length;
        foreach (var unit in text)
        {
            if (char.IsLowSurrogate(unit))
            {
                count--;
            }
        }
        return count;
    }

    /// <summary>A name as one token of a JSON pointer (RFC 6901).</summary>
    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    /// <summary>The value of an integer keyword that may be written as 2.0.</summary>
    private static int Integer(JsonElement value) =>
        value.TryGetInt32(out var number) ? number : (int)Math.Clamp(value.GetDouble(), 0, int.MaxValue);
}
