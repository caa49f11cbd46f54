using ApiGatewayTools.Engine.Models;

namespace ApiGatewayTools.Engine.Client;

/// <summary>The Lambda operations the module needs, REST-JSON over SigV4 (service "lambda", API version 2015-03-31).</summary>
public sealed class LambdaClient
{
    public LambdaClient(GwConnection connection, IGwActivityListener? listener = null)
    {
        Connection = connection;
        Listener = listener;
    }

    public GwConnection Connection { get; }
    internal IGwActivityListener? Listener { get; }

    /// <summary>GetFunction; <paramref name="functionName"/> may be a name, a partial or full ARN.</summary>
    public Task<LambdaFunction> GetFunctionAsync(string functionName, string? qualifier, CancellationToken ct) => throw new NotImplementedException();

    /// <summary>AddPermission; returns the statement Lambda stored.</summary>
    public Task<LambdaPolicyStatement> AddPermissionAsync(AddPermissionRequest request, CancellationToken ct) => throw new NotImplementedException();

    public Task RemovePermissionAsync(string functionName, string statementId, string? qualifier, CancellationToken ct) => throw new NotImplementedException();

    /// <summary>GetPolicy; null when the function has no resource-based policy yet.</summary>
    public Task<LambdaPolicy?> GetPolicyAsync(string functionName, string? qualifier, CancellationToken ct) => throw new NotImplementedException();
}

public static class LambdaOperations
{
    public static GwOperation AddPermission(AddPermissionRequest request) => throw new NotImplementedException();
    public static GwOperation RemovePermission(string functionName, string statementId, string? qualifier) => throw new NotImplementedException();
}
