namespace ApiGatewayTools.Engine.Client;

/// <summary>The Lambda operations the module needs, REST-JSON over SigV4 (service "lambda", API version 2015-03-31).</summary>
public sealed class LambdaClient : GwClient
{
    public LambdaClient(GwConnection connection, IGwActivityListener? listener = null)
        : this(connection, listener, (RetryOptions?)null) { }

    /// <summary>A client that tries each call as <paramref name="retry"/> says (-MaxRetry, AWS_MAX_ATTEMPTS, AWS_RETRY_MODE).</summary>
    public LambdaClient(GwConnection connection, IGwActivityListener? listener, GwRetrySettings retry)
        : this(connection, listener, retry.ToOptions()) { }

    /// <summary>Lets tests choose attempts, delays and randomness.</summary>
    internal LambdaClient(GwConnection connection, IGwActivityListener? listener, RetryOptions? retry)
        : base(connection, listener, retry) { }

    public Task<LambdaFunction> GetFunctionAsync(string functionName, string? qualifier, CancellationToken ct) =>
        SendAsync(LambdaOperations.GetFunction(functionName, qualifier), ct);

    public IAsyncEnumerable<LambdaFunction> ListFunctionsAsync(CancellationToken ct) => ListAsync(LambdaOperations.ListFunctions(), ct);

    public Task<LambdaPolicyStatement> AddPermissionAsync(AddPermissionRequest request, CancellationToken ct) =>
        SendAsync(LambdaOperations.AddPermission(request), ct);

    public Task RemovePermissionAsync(string functionName, string statementId, string? qualifier, CancellationToken ct) =>
        SendAsync(LambdaOperations.RemovePermission(functionName, statementId, qualifier), ct);

    /// <summary>GetPolicy; null when the function has no resource-based policy yet.</summary>
    public async Task<LambdaPolicy?> GetPolicyAsync(string functionName, string? qualifier, CancellationToken ct)
    {
        try
        {
            return await SendAsync(LambdaOperations.GetPolicy(functionName, qualifier), ct).ConfigureAwait(false);
        }
        catch (GwServiceException e) when (e.ErrorId == "ResourceNotFoundException" && IsMissingPolicy(e))
        {
            return null;
        }
    }

    /// <summary>
    /// Lambda answers ResourceNotFoundException both for "no policy" and for "no such function"; only the
    /// first means "no policy yet". Lambda's message for a missing function starts with "Function not found".
    /// </summary>
    private static bool IsMissingPolicy(GwServiceException e) =>
        !e.Message.StartsWith("Function not found", StringComparison.OrdinalIgnoreCase);
}
