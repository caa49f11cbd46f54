namespace ApiGatewayTools.LocalGateway;

/// <summary>One line of a local function's log, with the invocation (Lambda request id) it belongs to.</summary>
public sealed record LocalFunctionLogEvent(string FunctionName, DateTimeOffset Time, string RequestId, string Message);
