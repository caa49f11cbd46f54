namespace ApiGatewayTools.Engine.Domain;

/// <summary>Something the user named (a path, a method, an API name) does not exist.</summary>
public sealed class GwNotFoundException : GwException
{
    public GwNotFoundException(string errorId, string message) : base(errorId, GwErrorKind.NotFound, message) { }
}

/// <summary>The operation would break a rule the module keeps on the user's behalf (e.g. unique API names).</summary>
public sealed class GwConflictException : GwException
{
    public GwConflictException(string errorId, string message) : base(errorId, GwErrorKind.Conflict, message) { }
}
