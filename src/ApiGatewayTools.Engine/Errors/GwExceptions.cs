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
    public GwConnectionException(string operation, Uri endpoint, Exception inner)
        : base("EndpointUnreachable", GwErrorKind.Connection, $"{operation}: could not reach {endpoint}: {inner.Message}", inner) { }
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
/// A plan stopped part-way: the steps before the failing one were applied and stay applied. The id and kind are
/// the failing step's, so error handling stays the same; the message and <see cref="Completed"/> say what now exists.
/// </summary>
public sealed class GwPlanIncompleteException : GwException
{
    public GwPlanIncompleteException(IReadOnlyList<Client.GwOperation> completed, Client.GwOperation failed, Exception inner)
        : base(inner is GwException g ? g.ErrorId : "InternalError", inner is GwException k ? k.Kind : GwErrorKind.Unknown,
            $"{inner.Message} {failed.Name} failed after {completed.Count} of the plan's steps were applied; these stay in place: " +
            string.Join("; ", completed.Select(c => $"{c.Name} {c.Method} {c.Path}")) + ".", inner)
    {
        Completed = completed;
        Failed = failed;
    }

    public IReadOnlyList<Client.GwOperation> Completed { get; }
    public Client.GwOperation Failed { get; }
}
