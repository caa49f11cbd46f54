using System.Globalization;
using System.Text.RegularExpressions;

namespace ApiGatewayTools.LocalGateway.Templates;

/// <summary>
/// The Java methods templates call on strings, maps, lists and numbers, and property and index access.
/// An unknown method is an error naming it: a template that calls one would not render the same on AWS.
/// </summary>
internal static class ValueMethods
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    public static object? GetProperty(object target, string name) => target switch
    {
        TemplateMap map => map.Get(name),
        ITemplateObject builtIn => builtIn.TryGetProperty(name, out var value) ? value : null,
        // Velocity resolves $x.empty through isEmpty(); nothing else on these has a bean property.
        string s when name == "empty" => s.Length == 0,
        List<object?> list when name == "empty" => list.Count == 0,
        _ => null,
    };

    public static object? GetIndex(object target, object? index, SourcePosition position) => target switch
    {
        TemplateMap map => index is null ? null : map.Get(TemplateValues.ToText(index)),
        List<object?> list when index is long i => ElementAt(list, i),
        List<object?> => throw new MappingTemplateException("[]", "a list index must be a whole number", position),
        _ => throw new MappingTemplateException("[]", $"{TemplateValues.KindOf(target)} cannot be indexed", position),
    };

    public static object? Invoke(object target, string method, IReadOnlyList<object?> args, SourcePosition position)
    {
        if (target is ITemplateObject builtIn)
        {
            return builtIn.TryInvoke(method, args, position, out var result)
                ? result
                : throw UnknownMethod(method, builtIn.Name, position);
        }
        switch (method)
        {
            case "toString":
                Arity(method, args, 0, position);
                return TemplateValues.ToText(target);
            case "equals":
                Arity(method, args, 1, position);
                return TemplateValues.AreEqual(target, args[0]);
            case "hashCode":
                Arity(method, args, 0, position);
                return (long)TemplateValues.ToText(target).GetHashCode(StringComparison.Ordinal);
        }
        var (found, value) = target switch
        {
            string s => StringMethod(s, method, args, position),
            TemplateMap map => MapMethod(map, method, args, position),
            List<object?> list => ListMethod(list, method, args, position),
            long or double => NumberMethod(target, method, args, position),
            _ => (false, null),
        };
        return found ? value : throw UnknownMethod(method, TemplateValues.KindOf(target), position);
    }

    private static (bool, object?) StringMethod(string s, string method, IReadOnlyList<object?> args, SourcePosition position)
    {
        switch (method)
        {
            case "length":
                Arity(method, args, 0, position);
                return (true, (long)s.Length);
            case "isEmpty":
                Arity(method, args, 0, position);
                return (true, s.Length == 0);
            case "trim":
                Arity(method, args, 0, position);
                return (true, s.Trim(TrimmedByJava));
            case "toLowerCase":
                Arity(method, args, 0, position);
                return (true, s.ToLowerInvariant());
            case "toUpperCase":
                Arity(method, args, 0, position);
                return (true, s.ToUpperInvariant());
            case "contains":
                Arity(method, args, 1, position);
                return (true, s.Contains(Text(args[0]), StringComparison.Ordinal));
            case "startsWith":
                Arity(method, args, 1, position);
                return (true, s.StartsWith(Text(args[0]), StringComparison.Ordinal));
            case "endsWith":
                Arity(method, args, 1, position);
                return (true, s.EndsWith(Text(args[0]), StringComparison.Ordinal));
            case "equalsIgnoreCase":
                Arity(method, args, 1, position);
                return (true, args[0] is string other && string.Equals(s, other, StringComparison.OrdinalIgnoreCase));
            case "indexOf":
                Arity(method, args, 1, position);
                return (true, (long)s.IndexOf(Text(args[0]), StringComparison.Ordinal));
            case "lastIndexOf":
                Arity(method, args, 1, position);
                return (true, (long)s.LastIndexOf(Text(args[0]), StringComparison.Ordinal));
            case "charAt":
                Arity(method, args, 1, position);
                return (true, s[Bounded(Whole(args[0], method, position), s.Length - 1, method, position)].ToString());
            case "concat":
                Arity(method, args, 1, position);
                return (true, s + Text(args[0]));
            case "substring":
                if (args.Count is not (1 or 2))
                {
                    throw WrongArity(method, "1 or 2", args.Count, position);
                }
                var from = Bounded(Whole(args[0], method, position), s.Length, method, position);
                var to = args.Count == 2 ? Bounded(Whole(args[1], method, position), s.Length, method, position) : s.Length;
                if (to < from)
                {
                    throw new MappingTemplateException(".substring()", $"substring end {to} is before its start {from}", position);
                }
                return (true, s[from..to]);
            case "replace":
                Arity(method, args, 2, position);
                return (true, s.Replace(Text(args[0]), Text(args[1]), StringComparison.Ordinal));
            case "replaceAll":
                Arity(method, args, 2, position);
                return (true, Pattern(args[0], method, position).Replace(s, Text(args[1])));
            case "replaceFirst":
                Arity(method, args, 2, position);
                return (true, Pattern(args[0], method, position).Replace(s, Text(args[1]), 1));
            case "matches":
                Arity(method, args, 1, position);
                return (true, Pattern("^(?:" + Text(args[0]) + ")$", method, position).IsMatch(s));
            case "split":
                Arity(method, args, 1, position);
                return (true, JavaSplit(s, Pattern(args[0], method, position)));
            default:
                return (false, null);
        }
    }

    private static (bool, object?) MapMethod(TemplateMap map, string method, IReadOnlyList<object?> args, SourcePosition position)
    {
        switch (method)
        {
            case "get":
                Arity(method, args, 1, position);
                return (true, args[0] is null ? null : map.Get(TemplateValues.ToText(args[0])));
            case "containsKey":
                Arity(method, args, 1, position);
                return (true, args[0] is not null && map.ContainsKey(TemplateValues.ToText(args[0])));
            case "containsValue":
                Arity(method, args, 1, position);
                return (true, map.Values.Any(value => TemplateValues.AreEqual(value, args[0])));
            case "keySet":
                Arity(method, args, 0, position);
                return (true, map.Keys.Select(key => (object?)key).ToList());
            case "values":
                Arity(method, args, 0, position);
                return (true, map.Values.ToList());
            case "size":
                Arity(method, args, 0, position);
                return (true, (long)map.Count);
            case "isEmpty":
                Arity(method, args, 0, position);
                return (true, map.Count == 0);
            case "put":
                Arity(method, args, 2, position);
                return (true, map.Put(Text(args[0]), args[1]));
            case "remove":
                Arity(method, args, 1, position);
                return (true, map.Remove(Text(args[0])));
            default:
                return (false, null);
        }
    }

    private static (bool, object?) ListMethod(List<object?> list, string method, IReadOnlyList<object?> args, SourcePosition position)
    {
        switch (method)
        {
            case "size":
                Arity(method, args, 0, position);
                return (true, (long)list.Count);
            case "isEmpty":
                Arity(method, args, 0, position);
                return (true, list.Count == 0);
            case "get":
                Arity(method, args, 1, position);
                return (true, list[Bounded(Whole(args[0], method, position), list.Count - 1, method, position)]);
            case "contains":
                Arity(method, args, 1, position);
                return (true, list.Any(item => TemplateValues.AreEqual(item, args[0])));
            case "indexOf":
                Arity(method, args, 1, position);
                return (true, (long)list.FindIndex(item => TemplateValues.AreEqual(item, args[0])));
            case "add":
                Arity(method, args, 1, position);
                list.Add(args[0]);
                return (true, true);
            default:
                return (false, null);
        }
    }

    private static (bool, object?) NumberMethod(object number, string method, IReadOnlyList<object?> args, SourcePosition position)
    {
        switch (method)
        {
            case "intValue":
            case "longValue":
                Arity(method, args, 0, position);
                return (true, number is long whole ? whole : (long)(double)number);
            case "doubleValue":
                Arity(method, args, 0, position);
                return (true, TemplateValues.ToDouble(number));
            default:
                return (false, null);
        }
    }

    public static void Arity(string method, IReadOnlyList<object?> args, int expected, SourcePosition position)
    {
        if (args.Count != expected)
        {
            throw WrongArity(method, expected.ToString(CultureInfo.InvariantCulture), args.Count, position);
        }
    }

    public static string? NullableText(object? value) => value is null ? null : TemplateValues.ToText(value);

    private static MappingTemplateException WrongArity(string method, string expected, int actual, SourcePosition position) =>
        new($".{method}()", $"{method} takes {expected} argument(s), not {actual}", position);

    private static MappingTemplateException UnknownMethod(string method, string kind, SourcePosition position) =>
        new($".{method}()", $"unknown method '{method}' on {kind}", position);

    private static string Text(object? value) => value is null ? "null" : TemplateValues.ToText(value);

    private static int Whole(object? value, string method, SourcePosition position) => value switch
    {
        long whole when whole is >= int.MinValue and <= int.MaxValue => (int)whole,
        _ => throw new MappingTemplateException($".{method}()", $"{method} needs a whole number, not {TemplateValues.KindOf(value)}", position),
    };

    private static int Bounded(int index, int max, string method, SourcePosition position) =>
        index >= 0 && index <= max
            ? index
            : throw new MappingTemplateException($".{method}()", $"index {index} is out of range 0..{max}", position);

    private static object? ElementAt(List<object?> list, long index) =>
        index >= 0 && index < list.Count ? list[(int)index] : null;

    private static Regex Pattern(object? pattern, string method, SourcePosition position)
    {
        try
        {
            return new Regex(Text(pattern), RegexOptions.None, RegexTimeout);
        }
        catch (ArgumentException error)
        {
            throw new MappingTemplateException($".{method}()", $"the regular expression is not valid: {error.Message}", position);
        }
    }

    /// <summary>Java's String.split: trailing empty strings are dropped.</summary>
    private static List<object?> JavaSplit(string s, Regex separator)
    {
        var parts = separator.Split(s).ToList();
        if (s.Length > 0 && parts.Count > 1 && parts[0].Length == 0 && separator.Match(s) is { Index: 0, Length: 0 })
        {
            parts.RemoveAt(0);
        }
        while (parts.Count > 1 && parts[^1].Length == 0)
        {
            parts.RemoveAt(parts.Count - 1);
        }
        if (parts.Count == 1 && parts[0].Length == 0 && s.Length > 0)
        {
            parts.Clear();
        }
        return parts.Select(part => (object?)part).ToList();
    }

    // Java's trim removes every character up to and including the space, nothing else.
    private static readonly char[] TrimmedByJava = Enumerable.Range(0, 33).Select(c => (char)c).ToArray();
}
