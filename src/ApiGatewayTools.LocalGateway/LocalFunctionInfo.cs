namespace ApiGatewayTools.LocalGateway;

/// <summary>A registered local function, as the gateway reports it.</summary>
public sealed record LocalFunctionInfo(string FunctionName, string FunctionArn, string Runtime, string? Description, DateTimeOffset LastModified);
