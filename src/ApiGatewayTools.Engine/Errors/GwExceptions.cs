using System.Net;

namespace ApiGatewayTools.Engine.Errors;

/// <summary>
/// What kind of failure an error is, independent of PowerShell; the cmdlet layer maps it to an ErrorCategory.
/// </summary>
public enum GwErrorKind
{
    Unknown,
    InvalidArgument,
    NotFound,
    Conflict,
    LimitExceeded,
    PermissionDenied,
    Authentication,
    Configuration,
    ServiceUnavailable,
    Connection,
}

/// <summary>Base of every error the engine raises: a stable id and a message that says what to do.</summary>
public abstract class GwException : Exception
{
    protected GwException(string errorId, GwErrorKind kind, string message, Exception? inner = null) : base(message, inner)
    {
        ErrorId = errorId;
        Kind = kind;
    }

    /// <summary>Stable identifier: AWS's error code for service errors, our own for input and configuration errors.</summary>
    public string ErrorId { get; }
    public GwErrorKind Kind { get; }
}

/// <summary>The caller's input is wrong; raised before anything is sent.</summary>
public sealed class GwValidationException : GwException
{
    public GwValidationException(string errorId, string parameterName, string message)
        : base(errorId, GwErrorKind.InvalidArgument, message) => ParameterName = parameterName;

    public string ParameterName { get; }
}

/// <summary>No region, no credentials, an unknown profile: raised before anything is sent.</summary>
public sealed class GwConfigurationException : GwException
{
    public GwConfigurationException(string errorId, string message, Exception? inner = null)
        : base(errorId, GwErrorKind.Configuration, message, inner) { }
}

/// <summary>The service answered with an error (after retries where retrying made sense).</summary>
public sealed class GwServiceException : GwException
{
    public GwServiceException(string errorCode, string message, HttpStatusCode statusCode, string operation, string? requestId, Exception? inner = null)
        : base(errorCode, KindOf(errorCode, statusCode), message, inner)
    {
        StatusCode = statusCode;
        Operation = operation;
        RequestId = requestId;
    }

    public HttpStatusCode StatusCode { get; }
    public string Operation { get; }
    public string? RequestId { get; }

    /// <summary>The same failure (code, kind, status, request id) told better; the original stays as the inner exception.</summary>
    public GwServiceException WithMessage(string message) => new(ErrorId, message, StatusCode, Operation, RequestId, this);

    public static GwErrorKind KindOf(string errorCode, HttpStatusCode status) => (errorCode, (int)status) switch
    {
        ("NotFoundException" or "ResourceNotFoundException", _) or (_, 404) => GwErrorKind.NotFound,
        ("ConflictException" or "ResourceConflictException", _) or (_, 409) => GwErrorKind.Conflict,
        ("TooManyRequestsException" or "LimitExceededException" or "ServiceQuotaExceededException", _) or (_, 429) => GwErrorKind.LimitExceeded,
        ("BadRequestException" or "InvalidParameterValueException" or "ValidationException", _) => GwErrorKind.InvalidArgument,
        ("UnrecognizedClientException" or "InvalidSignatureException" or "MissingAuthenticationTokenException" or "ExpiredTokenException", _) => GwErrorKind.Authentication,
        (_, 401 or 403) => GwErrorKind.PermissionDenied,
        (_, >= 500) => GwErrorKind.ServiceUnavailable,
        _ => GwErrorKind.Unknown,
    };
}

/// <summary>The endpoint could not be reached at all (after retries).</summary>
public sealed class GwConnectionException : GwException
{
    public GwConnectionException(string operation, Uri endpoint, Exception inner, bool answerMayBeLost = false)
        : base("EndpointUnreachable", GwErrorKind.Connection, answerMayBeLost
            ? $"{operation}: {endpoint} took the request but its answer never arrived ({inner.Message}), so it is not known whether it was done. Run the same command again: it finds what was made instead of making it twice."
            : $"{operation}: could not reach {endpoint}: {inner.Message}", inner) =>
        AnswerMayBeLost = answerMayBeLost;

    /// <summary>True when a request went out and its answer was lost: the service may have done it.</summary>
    public bool AnswerMayBeLost { get; }
}

/// <summary>The service answered with success but with something the engine cannot read (not JSON, not AWS's shape).</summary>
public sealed class GwUnexpectedResponseException : GwException
{
    public const string UnexpectedResponseErrorId = "UnexpectedResponse";

    public GwUnexpectedResponseException(string operation, Exception inner)
        : base(UnexpectedResponseErrorId, GwErrorKind.ServiceUnavailable,
            $"{operation}: the service's answer could not be read ({inner.Message}). Check that the endpoint is API Gateway or Lambda.", inner) =>
        Operation = operation;

    public string Operation { get; }
}

/// <summary>
/// A plan stopped part-way (a failure, or the caller's cancellation): the steps before the stopping one were applied
/// and stay applied. The id and kind are the failing step's, so error handling stays the same; the message lists what
/// is done (with the ids the service gave) and what is not, and <see cref="Completed"/> and <see cref="NotDone"/> say
/// it to scripts. Plans converge, so running the same command again finishes the work.
/// </summary>
public sealed class GwPlanIncompleteException : GwException
{
    public const string InterruptedErrorId = "PlanInterrupted";

    public GwPlanIncompleteException(IReadOnlyList<Client.GwOperation> completed, IReadOnlyList<string> completedDescriptions,
        IReadOnlyList<Client.GwOperation> notDone, Exception inner)
        : base(inner switch
        {
            GwException g => g.ErrorId,
            OperationCanceledException => InterruptedErrorId,
            _ => "InternalError",
        }, inner is GwException k ? k.Kind : GwErrorKind.Unknown, Describe(completedDescriptions, notDone, inner), inner)
    {
        Completed = completed;
        NotDone = notDone;
        Failed = notDone[0];
    }

    public IReadOnlyList<Client.GwOperation> Completed { get; }
    /// <summary>The step that failed or was interrupted, then every step after it.</summary>
    public IReadOnlyList<Client.GwOperation> NotDone { get; }
    public Client.GwOperation Failed { get; }
    public bool Interrupted => InnerException is OperationCanceledException;

    private static string Describe(IReadOnlyList<string> done, IReadOnlyList<Client.GwOperation> notDone, Exception inner)
    {
        var why = inner is OperationCanceledException
            ? $"Stopped before {notDone[0].Name} finished."
            : $"{inner.Message} {notDone[0].Name} failed after {done.Count} of the plan's steps were applied; these stay in place.";
        return $"{why} Done: {string.Join("; ", done)}. Not done: {string.Join("; ", notDone.Select(StepText))}. " +
            "Run the same command again to finish: what is done is found, not made twice.";
    }

    private static string StepText(Client.GwOperation operation)
    {
        var line = operation.ToString();
        return operation.ShownBody is null ? line : line[..^(operation.ShownBody.Length + 1)];
    }
}
