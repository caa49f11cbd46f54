namespace ApiGatewayTools.LocalGateway.Templates;

// The parsed form of a template: a list of nodes that render in order. Expressions appear inside
// directives, method arguments, index brackets and references.

internal abstract record TemplateNode;

internal sealed record TextNode(string Text) : TemplateNode;

/// <summary>A reference written in the text, such as <c>$input.json('$')</c>, whose value is printed.</summary>
internal sealed record OutputNode(ReferenceExpression Reference) : TemplateNode;

internal sealed record SetNode(ReferenceExpression Target, Expression Value, SourcePosition Position) : TemplateNode;

internal sealed record IfNode(IReadOnlyList<ConditionalBranch> Branches, IReadOnlyList<TemplateNode>? Otherwise) : TemplateNode;

internal sealed record ConditionalBranch(Expression Condition, IReadOnlyList<TemplateNode> Body);

internal sealed record ForeachNode(string VariableName, Expression Items, IReadOnlyList<TemplateNode> Body, SourcePosition Position) : TemplateNode;

internal sealed record BreakNode : TemplateNode;

internal abstract record Expression(SourcePosition Position);

internal sealed record LiteralExpression(object? Value, SourcePosition Position) : Expression(Position);

/// <summary>A double-quoted string: its text is a small template of its own, rendered when evaluated.</summary>
internal sealed record InterpolatedStringExpression(IReadOnlyList<TemplateNode> Parts, SourcePosition Position) : Expression(Position);

internal sealed record ListExpression(IReadOnlyList<Expression> Items, SourcePosition Position) : Expression(Position);

internal sealed record RangeExpression(Expression From, Expression To, SourcePosition Position) : Expression(Position);

internal sealed record MapExpression(IReadOnlyList<KeyValuePair<Expression, Expression>> Entries, SourcePosition Position) : Expression(Position);

internal sealed record UnaryExpression(string Operator, Expression Operand, SourcePosition Position) : Expression(Position);

internal sealed record BinaryExpression(string Operator, Expression Left, Expression Right, SourcePosition Position) : Expression(Position);

/// <summary><c>$name</c> followed by property, method and index steps; <paramref name="Quiet"/> for <c>$!name</c>.</summary>
internal sealed record ReferenceExpression(string Root, IReadOnlyList<Accessor> Chain, bool Quiet, string SourceText, SourcePosition Position)
    : Expression(Position);

internal abstract record Accessor(SourcePosition Position);

internal sealed record PropertyAccessor(string Name, SourcePosition Position) : Accessor(Position);

internal sealed record MethodAccessor(string Name, IReadOnlyList<Expression> Arguments, SourcePosition Position) : Accessor(Position);

internal sealed record IndexAccessor(Expression Index, SourcePosition Position) : Accessor(Position);
