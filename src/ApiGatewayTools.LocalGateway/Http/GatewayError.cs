namespace ApiGatewayTools.LocalGateway.Http;

/// <summary>How a service shapes its error body: API Gateway sends {"message"}, Lambda sends {"Type","Message"}.</summary>
internal enum ErrorBodyStyle
{
    ApiGateway,
    Lambda,
}

/// <summary>A refusal that becomes an AWS-shaped error response: status, x-amzn-ErrorType and a JSON body.</summary>
internal sealed class GatewayError : Exception
{
    public GatewayError(int statusCode, string code, string message, ErrorBodyStyle style = ErrorBodyStyle.ApiGateway)
        : base(message)
    {
        StatusCode = statusCode;
        Code = code;
        Style = style;
    }

    public int StatusCode { get; }
    public string Code { get; }
    public ErrorBodyStyle Style { get; }

    public static GatewayError NotFound(string message) => new(404, "NotFoundException", message);
    public static GatewayError BadRequest(string message) => new(400, "BadRequestException", message);
    public static GatewayError Conflict(string message) => new(409, "ConflictException", message);

    public static GatewayError LambdaNotFound(string message) => new(404, "ResourceNotFoundException", message, ErrorBodyStyle.Lambda);
    public static GatewayError LambdaConflict(string message) => new(409, "ResourceConflictException", message, ErrorBodyStyle.Lambda);
    public static GatewayError LambdaInvalidParameter(string message) => new(400, "InvalidParameterValueException", message, ErrorBodyStyle.Lambda);

    public GatewayResponse ToResponse() => GatewayResponse.Json(StatusCode, writer =>
    {
        if (Style == ErrorBodyStyle.Lambda)
        {
            writer.WriteString("Type", "User");
            writer.WriteString("Message", Message);
        }
        else
        {
            writer.WriteString("message", Message);
        }
    }).WithHeader("x-amzn-ErrorType", Code);
}
