using System.Globalization;
using System.Text;

namespace ApiGatewayTools.LocalGateway.Templates;

/// <summary>
/// The Java-flavoured rules template values follow. Values are: null, string, long, double, bool,
/// <see cref="TemplateMap"/>, <c>List&lt;object?&gt;</c>, and the built-in objects ($input, $util, $foreach).
/// </summary>
internal static class TemplateValues
{
    /// <summary>Text as Velocity prints a value: strings raw, maps as {a=1, b=2}, lists as [1, 2].</summary>
    public static string ToText(object? value)
    {
        var text = new StringBuilder();
        AppendText(text, value, nullText: "");
        return text.ToString();
    }

    private static void AppendText(StringBuilder text, object? value, string nullText)
    {
        switch (value)
        {
            case null:
                text.Append(nullText);
                break;
            case string s:
                text.Append(s);
                break;
            case bool flag:
                text.Append(flag ? "true" : "false");
                break;
            case long number:
                text.Append(number.ToString(CultureInfo.InvariantCulture));
                break;
            case double number:
                text.Append(JavaDoubleText(number));
                break;
            case TemplateMap map:
                text.Append('{');
                for (var i = 0; i < map.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(", ");
                    }
                    text.Append(map.Keys[i]).Append('=');
                    AppendText(text, map.Get(map.Keys[i]), "null");
                }
                text.Append('}');
                break;
            case List<object?> list:
                text.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(", ");
                    }
                    AppendText(text, list[i], "null");
                }
                text.Append(']');
                break;
            default:
                text.Append(value);
                break;
        }
    }

    /// <summary>Java's Double.toString: "2.0" rather than "2", and exponents as "1.0E10".</summary>
    private static string JavaDoubleText(double number)
    {
        if (double.IsNaN(number))
        {
            return "NaN";
        }
        if (double.IsInfinity(number))
        {
            return number > 0 ? "Infinity" : "-Infinity";
        }
        var magnitude = Math.Abs(number);
        if (magnitude == 0 || (magnitude >= 1e-3 && magnitude < 1e7))
        {
            var plain = number.ToString("R", CultureInfo.InvariantCulture);
            return plain.Contains('.') ? plain : plain + ".0";
        }
        var scientific = number.ToString("0.0################E0", CultureInfo.InvariantCulture);
        return scientific;
    }

    /// <summary>Velocity 1.7's truth: only null and false are false; an empty string is true.</summary>
    public static bool IsTrue(object? value) => value is not (null or false);

    public static bool AreEqual(object? left, object? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }
        if (IsNumber(left) && IsNumber(right))
        {
            return ToDouble(left) == ToDouble(right);
        }
        if (left.GetType() != right.GetType())
        {
            // Velocity compares values of different kinds by their printed text: 1 == "1" is true.
            return ToText(left) == ToText(right);
        }
        return left switch
        {
            List<object?> list => list.Count == ((List<object?>)right).Count
                && list.Zip((List<object?>)right).All(pair => AreEqual(pair.First, pair.Second)),
            TemplateMap map => map.Count == ((TemplateMap)right).Count
                && map.Keys.All(key => ((TemplateMap)right).ContainsKey(key) && AreEqual(map.Get(key), ((TemplateMap)right).Get(key))),
            _ => left.Equals(right),
        };
    }

    /// <summary>Orders two numbers; Velocity compares nothing else with &lt; and &gt;, so other values answer null.</summary>
    public static int? Compare(object? left, object? right) =>
        IsNumber(left) && IsNumber(right) ? ToDouble(left!).CompareTo(ToDouble(right!)) : null;

    public static bool IsNumber(object? value) => value is long or double;

    public static double ToDouble(object value) => value is long whole ? whole : (double)value;

    /// <summary>
    /// Arithmetic as Velocity does it: whole numbers stay whole (5 / 2 is 2), '+' joins text when either side is
    /// a string, and anything else with a null or non-number answers null.
    /// </summary>
    public static object? Arithmetic(string op, object? left, object? right, SourcePosition position)
    {
        if (op == "+" && (left is string || right is string) && left is not null && right is not null)
        {
            return ToText(left) + ToText(right);
        }
        if (!IsNumber(left) || !IsNumber(right))
        {
            return null;
        }
        if (left is long a && right is long b)
        {
            if (op is "/" or "%" && b == 0)
            {
                throw new MappingTemplateException(op, "division by zero", position);
            }
            return op switch
            {
                "+" => a + b,
                "-" => a - b,
                "*" => a * b,
                "/" => a / b,
                _ => a % b,
            };
        }
        var x = ToDouble(left!);
        var y = ToDouble(right!);
        return op switch
        {
            "+" => x + y,
            "-" => x - y,
            "*" => x * y,
            "/" => x / y,
            _ => x % y,
        };
    }

    public static string KindOf(object? value) => value switch
    {
        null => "null",
        string => "a string",
        long or double => "a number",
        bool => "a boolean",
        TemplateMap => "a map",
        List<object?> => "a list",
        ITemplateObject builtIn => builtIn.Name,
        _ => value.GetType().Name,
    };
}
