namespace ApiGatewayTools.Engine.Models;

public sealed record LambdaFunction : GwObject
{
    public string FunctionName { get; init; } = "";
    public string FunctionArn { get; init; } = "";
    public string? Runtime { get; init; }
    public string? Handler { get; init; }
    public string? Description { get; init; }
    public string? Version { get; init; }
    public string? State { get; init; }
    public DateTimeOffset? LastModified { get; init; }

    public override string ToString() => FunctionArn;
}

/// <summary>One statement of a function's resource-based policy, flattened for reading.</summary>
public sealed record LambdaPolicyStatement : GwObject
{
    public string FunctionName { get; init; } = "";
    public string StatementId { get; init; } = "";
    public string Effect { get; init; } = "";
    public string? Principal { get; init; }
    public string? Action { get; init; }
    public string? Resource { get; init; }
    public string? SourceArn { get; init; }
    public string? SourceAccount { get; init; }

    public override string ToString() => $"{StatementId}: {Principal} {Action} {SourceArn}".TrimEnd();
}

public sealed record LambdaPolicy : GwObject
{
    public string FunctionName { get; init; } = "";
    public string? RevisionId { get; init; }
    /// <summary>The policy document exactly as Lambda returned it.</summary>
    public string PolicyJson { get; init; } = "";
    public IReadOnlyList<LambdaPolicyStatement> Statements { get; init; } = [];

    public override string ToString() => $"{FunctionName} ({Statements.Count} statement(s))";
}

/// <summary>A Lambda alias: a name that points at one published version (or $LATEST).</summary>
public sealed record LambdaAlias : GwObject
{
    public string FunctionName { get; init; } = "";
    public string Name { get; init; } = "";
    public string AliasArn { get; init; } = "";
    public string FunctionVersion { get; init; } = "";
    public string? Description { get; init; }
    public string? RevisionId { get; init; }

    public override string ToString() => AliasArn;
}
