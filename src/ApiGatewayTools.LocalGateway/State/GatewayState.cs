using ApiGatewayTools.LocalGateway.Http;

namespace ApiGatewayTools.LocalGateway.State;

/// <summary>
/// Everything the gateway knows, account-wide: the REST APIs (each holding the stores of what is defined
/// under it) and the local functions. Handlers take <see cref="Sync"/> for the whole of an operation,
/// so each operation sees and leaves a consistent state; requests are otherwise served in parallel.
/// </summary>
internal sealed class GatewayState
{
    public object Sync { get; } = new();

    public Store<RestApiRecord> RestApis { get; } = new(api => api.Id,
        id => GatewayError.NotFound($"Invalid API identifier specified {LocalGatewayServer.AccountId}:{id}"));

    public Store<LocalFunctionRecord> Functions { get; } = new(function => function.Name,
        name => GatewayError.LambdaNotFound($"Function not found: {LocalFunctionRecord.FunctionArn(name)}"));
}
