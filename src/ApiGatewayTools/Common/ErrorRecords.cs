namespace ApiGatewayTools.Common;

/// <summary>Engine errors as PowerShell ErrorRecords: the id is AWS's error code (or ours), the category follows its kind.</summary>
internal static class ErrorRecords
{
    public static ErrorRecord From(GwException e, object? target) =>
        new(e, e.ErrorId, CategoryOf(e.Kind), target);

    public const string InternalErrorId = "InternalError";

    /// <summary>An exception the engine did not expect, named by the command it broke; PowerShell's own exceptions never come here.</summary>
    public static ErrorRecord Internal(Exception e, string command, object? target) =>
        new(e, InternalErrorId, ErrorCategory.NotSpecified, target)
        {
            ErrorDetails = new ErrorDetails($"{command} failed unexpectedly ({e.GetType().Name}: {e.Message}). This is a defect in ApiGatewayTools; please report it with this message."),
        };

    public static ErrorRecord Input(string errorId, string message, object? target, ErrorCategory category = ErrorCategory.InvalidArgument) =>
        new(new ArgumentException(message), errorId, category, target);

    public static ErrorCategory CategoryOf(GwErrorKind kind) => kind switch
    {
        GwErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
        GwErrorKind.NotFound => ErrorCategory.ObjectNotFound,
        GwErrorKind.Conflict => ErrorCategory.ResourceExists,
        GwErrorKind.LimitExceeded => ErrorCategory.LimitsExceeded,
        GwErrorKind.PermissionDenied => ErrorCategory.PermissionDenied,
        GwErrorKind.Authentication => ErrorCategory.AuthenticationError,
        GwErrorKind.Configuration => ErrorCategory.InvalidOperation,
        GwErrorKind.ServiceUnavailable => ErrorCategory.ResourceUnavailable,
        GwErrorKind.Connection => ErrorCategory.ConnectionError,
        _ => ErrorCategory.NotSpecified,
    };
}
