using System.Globalization;
using System.Text.Json;

namespace ApiGatewayTools.LocalGateway.Templates;

/// <summary>
/// The JSONPath subset mapping templates use: <c>$</c>, <c>.name</c>, <c>['name']</c>, <c>[index]</c> (negative counts
/// from the end), <c>[*]</c> and <c>.*</c>. A path with a wildcard is indefinite and answers every match as a list;
/// any other path answers its one match or nothing. Other JSONPath syntax (filters, slices, '..') is refused.
/// </summary>
internal static class JsonPathSelector
{
    public static Selection Select(JsonElement root, string path, string construct, SourcePosition position)
    {
        var steps = ParseSteps(path, construct, position);
        IEnumerable<JsonElement> current = [root];
        foreach (var step in steps)
        {
            current = current.SelectMany(step.Apply).ToList();
        }
        return new Selection(current.ToList(), steps.Any(step => step.IsWildcard));
    }

    internal sealed record Selection(IReadOnlyList<JsonElement> Matches, bool IsIndefinite);

    private static List<Step> ParseSteps(string path, string construct, SourcePosition position)
    {
        MappingTemplateException Invalid(string problem) =>
            new(construct, $"JSONPath '{path}' {problem}", position);

        var text = path.Trim();
        if (!text.StartsWith('$'))
        {
            throw Invalid("must start with '$'");
        }
        var steps = new List<Step>();
        var i = 1;
        while (i < text.Length)
        {
            if (text[i] == '.')
            {
                if (i + 1 < text.Length && text[i + 1] == '.')
                {
                    throw Invalid("uses '..' (deep scan), which is not supported");
                }
                var start = ++i;
                while (i < text.Length && text[i] is not ('.' or '['))
                {
                    i++;
                }
                var name = text[start..i];
                if (name.Length == 0)
                {
                    throw Invalid("has an empty name after '.'");
                }
                steps.Add(name == "*" ? Step.Wildcard : Step.Member(name));
            }
            else if (text[i] == '[')
            {
                var close = FindClosingBracket(text, i);
                if (close < 0)
                {
                    throw Invalid("has a '[' without ']'");
                }
                steps.Add(ParseBracket(text[(i + 1)..close].Trim(), Invalid));
                i = close + 1;
            }
            else
            {
                throw Invalid($"has an unexpected '{text[i]}'");
            }
        }
        return steps;
    }

    private static int FindClosingBracket(string text, int open)
    {
        var quote = '\0';
        for (var i = open + 1; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == ']')
            {
                return i;
            }
        }
        return -1;
    }

    private static Step ParseBracket(string inside, Func<string, MappingTemplateException> invalid)
    {
        if (inside == "*")
        {
            return Step.Wildcard;
        }
        if (inside.Length >= 2 && inside[0] is '\'' or '"' && inside[^1] == inside[0])
        {
            return Step.Member(inside[1..^1]);
        }
        if (int.TryParse(inside, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
        {
            return Step.Element(index);
        }
        throw invalid($"has an unsupported selector [{inside}]");
    }

    private sealed class Step
    {
        private readonly Func<JsonElement, IEnumerable<JsonElement>> _apply;

        private Step(Func<JsonElement, IEnumerable<JsonElement>> apply, bool isWildcard)
        {
            _apply = apply;
            IsWildcard = isWildcard;
        }

        public bool IsWildcard { get; }

        public IEnumerable<JsonElement> Apply(JsonElement element) => _apply(element);

        public static Step Wildcard { get; } = new(element => element.ValueKind switch
        {
            JsonValueKind.Array => element.EnumerateArray().ToList(),
            JsonValueKind.Object => element.EnumerateObject().Select(property => property.Value).ToList(),
            _ => [],
        }, isWildcard: true);

        public static Step Member(string name) => new(element =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? [value] : [],
            isWildcard: false);

        public static Step Element(int index) => new(element =>
        {
            if (element.ValueKind != JsonValueKind.Array)
            {
                return [];
            }
            var length = element.GetArrayLength();
            var actual = index < 0 ? length + index : index;
            return actual >= 0 && actual < length ? [element[actual]] : [];
        }, isWildcard: false);
    }
}
