using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ApiGatewayTools.LocalGateway.Templates;

/// <summary>Renders parsed templates for one request. Not shared: each render gets its own variables.</summary>
internal sealed class TemplateRenderer
{
    // API Gateway payloads stop at 10 MB; a template that writes more is looping out of control.
    private const int MaximumOutputLength = 10 * 1024 * 1024;
    private const int MaximumRangeLength = 100_000;

    /// <summary>API Gateway stops a #foreach after 1,000 iterations; the rest of the template still renders.</summary>
    public const int MaximumForeachIterations = 1_000;

    /// <summary>
    /// How long one render may take. AWS publishes no figure; a template that runs this long is looping out of
    /// control, and the request it serves would soon hit the 29-second integration timeout anyway.
    /// </summary>
    public static readonly TimeSpan RenderBudget = TimeSpan.FromSeconds(5);

    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly CancellationToken _cancellation;

    private readonly Dictionary<string, object?> _variables = new(StringComparer.Ordinal);
    private readonly ResponseOverride? _responseOverride;
    private readonly TemplateMap? _overrideMap;

    public TemplateRenderer(MappingTemplateContext context)
    {
        _variables["input"] = new InputVariable(context);
        var contextMap = NestedMap(context.Context);
        _variables["context"] = contextMap;
        if (context.ResponseOverride is not null)
        {
            _responseOverride = context.ResponseOverride;
            _overrideMap = new TemplateMap();
            _overrideMap.Put("header", new TemplateMap(StringComparer.OrdinalIgnoreCase));
            contextMap.Put("responseOverride", _overrideMap);
        }
        _variables["stageVariables"] = TemplateMap.From(context.StageVariables);
        _variables["util"] = UtilVariable.Instance;
        _cancellation = context.Cancellation;
    }

    public string Render(IReadOnlyList<TemplateNode> nodes)
    {
        var output = new StringBuilder();
        RenderNodes(nodes, output);
        CollectResponseOverride();
        return output.ToString();
    }

    /// <summary>Overrides take effect after the whole template rendered, with what it last assigned.</summary>
    private void CollectResponseOverride()
    {
        if (_responseOverride is null || _overrideMap is null)
        {
            return;
        }
        if (_overrideMap.Get("status") is { } status
            && int.TryParse(TemplateValues.ToText(status), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code))
        {
            _responseOverride.Status = code;
        }
        if (_overrideMap.Get("header") is TemplateMap headers)
        {
            foreach (var name in headers.Keys)
            {
                _responseOverride.Headers[name] = TemplateValues.ToText(headers.Get(name));
            }
        }
    }

    /// <summary>Renders until the end of the nodes or a #break; answers false for the #break.</summary>
    private bool RenderNodes(IReadOnlyList<TemplateNode> nodes, StringBuilder output)
    {
        foreach (var node in nodes)
        {
            StayWithinBudget(node);
            switch (node)
            {
                case TextNode text:
                    output.Append(text.Text);
                    break;
                case OutputNode reference:
                    output.Append(TemplateValues.ToText(EvaluateReference(reference.Reference)));
                    break;
                case SetNode set:
                    Assign(set);
                    break;
                case IfNode conditional:
                    if (!RenderIf(conditional, output))
                    {
                        return false;
                    }
                    break;
                case ForeachNode loop:
                    RenderForeach(loop, output);
                    break;
                case BreakNode:
                    return false;
            }
            if (output.Length > MaximumOutputLength)
            {
                throw new MappingTemplateException("template", "the rendered output is larger than 10 MB", new SourcePosition(1, 1));
            }
        }
        return true;
    }

    private bool RenderIf(IfNode conditional, StringBuilder output)
    {
        foreach (var branch in conditional.Branches)
        {
            if (TemplateValues.IsTrue(Evaluate(branch.Condition)))
            {
                return RenderNodes(branch.Body, output);
            }
        }
        return conditional.Otherwise is null || RenderNodes(conditional.Otherwise, output);
    }

    private void RenderForeach(ForeachNode loop, StringBuilder output)
    {
        // A map loops over its values, as Velocity iterates a Java map; keySet() gives the keys. Anything
        // else that is not a list (null, a string, a number) gives no iterations, as Velocity skips it.
        var items = Evaluate(loop.Items) switch
        {
            List<object?> list => list.ToList(),
            TemplateMap map => map.Values.ToList(),
            _ => [],
        };
        var savedItem = _variables.TryGetValue(loop.VariableName, out var item) ? item : null;
        var savedState = _variables.TryGetValue("foreach", out var state) ? state : null;
        var hadItem = _variables.ContainsKey(loop.VariableName);
        var hadState = _variables.ContainsKey("foreach");
        var current = new ForeachState(items.Count, savedState as ForeachState);
        _variables["foreach"] = current;
        try
        {
            for (var i = 0; i < Math.Min(items.Count, MaximumForeachIterations); i++)
            {
                current.Index = i;
                _variables[loop.VariableName] = items[i];
                if (!RenderNodes(loop.Body, output))
                {
                    break;
                }
            }
        }
        finally
        {
            Restore(loop.VariableName, hadItem, savedItem);
            Restore("foreach", hadState, savedState);
        }
    }

    /// <summary>Stops a render whose request has gone (the gateway is stopping) or that has run past its budget.</summary>
    private void StayWithinBudget(TemplateNode node)
    {
        _cancellation.ThrowIfCancellationRequested();
        if (Stopwatch.GetElapsedTime(_started) > RenderBudget)
        {
            throw new MappingTemplateException("template", $"rendering took longer than {RenderBudget.TotalSeconds} seconds", PositionOf(node));
        }
    }

    private static SourcePosition PositionOf(TemplateNode node) => node switch
    {
        OutputNode output => output.Reference.Position,
        SetNode set => set.Position,
        ForeachNode loop => loop.Position,
        IfNode conditional => conditional.Branches[0].Condition.Position,
        _ => new SourcePosition(1, 1),
    };

    private void Restore(string name, bool existed, object? value)
    {
        if (existed)
        {
            _variables[name] = value;
        }
        else
        {
            _variables.Remove(name);
        }
    }

    /// <summary>
    /// #set. As in Velocity 1.7, a null value leaves the target unchanged. A target with steps, such as
    /// $map.key or $list[0], stores into that map or list.
    /// </summary>
    private void Assign(SetNode set)
    {
        var value = Evaluate(set.Value);
        if (value is null)
        {
            return;
        }
        var target = set.Target;
        if (target.Chain.Count == 0)
        {
            _variables[target.Root] = value;
            return;
        }
        var owner = EvaluateChain(target, target.Chain.Count - 1);
        switch (target.Chain[^1], owner)
        {
            case (PropertyAccessor property, TemplateMap map):
                map.Put(property.Name, value);
                return;
            case (IndexAccessor index, TemplateMap map):
                map.Put(TemplateValues.ToText(Evaluate(index.Index)), value);
                return;
            case (IndexAccessor index, List<object?> list) when Evaluate(index.Index) is long i && i >= 0 && i < list.Count:
                list[(int)i] = value;
                return;
            default:
                throw new MappingTemplateException(target.SourceText, $"#set cannot store into {TemplateValues.KindOf(owner)} this way", set.Position);
        }
    }

    private object? Evaluate(Expression expression) => expression switch
    {
        LiteralExpression literal => literal.Value,
        ReferenceExpression reference => EvaluateReference(reference),
        InterpolatedStringExpression text => RenderText(text.Parts),
        ListExpression list => list.Items.Select(Evaluate).ToList(),
        RangeExpression range => EvaluateRange(range),
        MapExpression map => EvaluateMap(map),
        UnaryExpression unary => EvaluateUnary(unary),
        BinaryExpression binary => EvaluateBinary(binary),
        _ => throw new InvalidOperationException($"Unknown expression {expression.GetType().Name}."),
    };

    private string RenderText(IReadOnlyList<TemplateNode> parts)
    {
        var text = new StringBuilder();
        RenderNodes(parts, text);
        return text.ToString();
    }

    private object? EvaluateReference(ReferenceExpression reference) => EvaluateChain(reference, reference.Chain.Count);

    /// <summary>Follows the first <paramref name="steps"/> steps; a null anywhere along the way makes the whole reference null.</summary>
    private object? EvaluateChain(ReferenceExpression reference, int steps)
    {
        var value = _variables.TryGetValue(reference.Root, out var root) ? root : null;
        for (var i = 0; i < steps && value is not null; i++)
        {
            value = reference.Chain[i] switch
            {
                PropertyAccessor property => ValueMethods.GetProperty(value, property.Name),
                IndexAccessor index => ValueMethods.GetIndex(value, Evaluate(index.Index), index.Position),
                MethodAccessor method => ValueMethods.Invoke(value, method.Name, method.Arguments.Select(Evaluate).ToList(), method.Position),
                _ => null,
            };
        }
        return value;
    }

    private List<object?> EvaluateRange(RangeExpression range)
    {
        var from = RangeBound(Evaluate(range.From), range);
        var to = RangeBound(Evaluate(range.To), range);
        if (Math.Abs(to - from) >= MaximumRangeLength)
        {
            throw new MappingTemplateException("[..]", $"the range {from}..{to} is longer than {MaximumRangeLength} items", range.Position);
        }
        var step = from <= to ? 1 : -1;
        var items = new List<object?>();
        for (var i = from; i != to + step; i += step)
        {
            items.Add(i);
        }
        return items;
    }

    private static long RangeBound(object? value, RangeExpression range) => value switch
    {
        long whole => whole,
        string text when long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw new MappingTemplateException("[..]", $"a range needs whole numbers, not {TemplateValues.KindOf(value)}", range.Position),
    };

    private TemplateMap EvaluateMap(MapExpression map)
    {
        var result = new TemplateMap();
        foreach (var (key, value) in map.Entries)
        {
            result.Put(TemplateValues.ToText(Evaluate(key)), Evaluate(value));
        }
        return result;
    }

    private object? EvaluateUnary(UnaryExpression unary)
    {
        var operand = Evaluate(unary.Operand);
        return unary.Operator switch
        {
            "!" => !TemplateValues.IsTrue(operand),
            _ => operand switch
            {
                long whole => -whole,
                double number => -number,
                _ => null,
            },
        };
    }

    private object? EvaluateBinary(BinaryExpression binary)
    {
        switch (binary.Operator)
        {
            case "&&":
                return TemplateValues.IsTrue(Evaluate(binary.Left)) && TemplateValues.IsTrue(Evaluate(binary.Right));
            case "||":
                return TemplateValues.IsTrue(Evaluate(binary.Left)) || TemplateValues.IsTrue(Evaluate(binary.Right));
        }
        var left = Evaluate(binary.Left);
        var right = Evaluate(binary.Right);
        return binary.Operator switch
        {
            "==" => TemplateValues.AreEqual(left, right),
            "!=" => !TemplateValues.AreEqual(left, right),
            "<" => TemplateValues.Compare(left, right) is < 0,
            "<=" => TemplateValues.Compare(left, right) is <= 0,
            ">" => TemplateValues.Compare(left, right) is > 0,
            ">=" => TemplateValues.Compare(left, right) is >= 0,
            _ => TemplateValues.Arithmetic(binary.Operator, left, right, binary.Position),
        };
    }

    /// <summary>Turns dotted names such as "identity.sourceIp" into nested maps, so $context.identity.sourceIp resolves.</summary>
    private static TemplateMap NestedMap(IReadOnlyDictionary<string, object?> dottedValues)
    {
        var root = new TemplateMap();
        foreach (var (name, value) in dottedValues)
        {
            var parts = name.Split('.');
            var map = root;
            foreach (var part in parts[..^1])
            {
                if (map.Get(part) is not TemplateMap child)
                {
                    child = new TemplateMap();
                    map.Put(part, child);
                }
                map = child;
            }
            map.Put(parts[^1], value);
        }
        return root;
    }
}
