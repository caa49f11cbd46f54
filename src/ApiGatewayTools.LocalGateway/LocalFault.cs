namespace ApiGatewayTools.LocalGateway;

/// <summary>What the local gateway can do wrong on purpose to an AWS API call, so a script's retries can be tested.</summary>
public enum LocalFault
{
    /// <summary>429 TooManyRequestsException with Retry-After; nothing is done.</summary>
    Throttle,
    /// <summary>500 (API Gateway's InternalFailure, Lambda's ServiceException); nothing is done.</summary>
    ServerError,
    /// <summary>503 ServiceUnavailableException with Retry-After; nothing is done.</summary>
    ServiceUnavailable,
    /// <summary>The connection is reset before anything is done: no answer at all.</summary>
    ConnectionReset,
    /// <summary>The call is done and answered normally, but only after a delay.</summary>
    SlowResponse,
    /// <summary>The call is done (the change is made), then the connection is dropped before the answer: the answer is lost.</summary>
    ProcessedButDropped,
}
