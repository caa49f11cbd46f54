using System.Globalization;
using ApiGatewayTools.LocalGateway.Http;

namespace ApiGatewayTools.LocalGateway.ControlPlane;

/// <summary>The answers an injected fault gives instead of running the call, shaped as each service sends them.</summary>
internal static class FaultResponses
{
    /// <summary>The answer for a fault that refuses the call, or null for a fault that runs it (slow, dropped) or has no answer (reset).</summary>
    public static GatewayResponse? Refusal(LocalFault fault, ErrorBodyStyle style)
    {
        var retryAfter = FaultInjector.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        var lambda = style == ErrorBodyStyle.Lambda;
        return fault switch
        {
            LocalFault.Throttle => ControlPlaneQuotas.TooManyRequests(FaultInjector.RetryAfterSeconds, style),
            LocalFault.ServerError => (lambda
                ? new GatewayError(500, "ServiceException", "The Lambda service encountered an internal error.", style)
                : new GatewayError(500, "InternalFailure", "The request processing has failed because of an unknown error, exception or failure.")).ToResponse(),
            LocalFault.ServiceUnavailable => (lambda
                ? new GatewayError(503, "ServiceException", "The Lambda service is temporarily unavailable.", style)
                : new GatewayError(503, "ServiceUnavailableException", "Service Unavailable")).ToResponse().WithHeader("Retry-After", retryAfter),
            _ => null,
        };
    }
}
