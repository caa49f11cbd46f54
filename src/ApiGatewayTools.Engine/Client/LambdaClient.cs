using System.Text.Json.Nodes;
using ApiGatewayTools.Engine.Errors;
using ApiGatewayTools.Engine.Internal;
using ApiGatewayTools.Engine.Models;

namespace ApiGatewayTools.Engine.Client;

/// <summary>The Lambda operations the module needs, REST-JSON over SigV4 (service "lambda", API version 2015-03-31).</summary>
public sealed class LambdaClient
{
    private readonly GwTransport _transport;

    public LambdaClient(GwConnection connection, IGwActivityListener? listener = null)
        : this(connection, listener, null) { }

    /// <summary>Lets tests choose attempts, delays and randomness.</summary>
    internal LambdaClient(GwConnection connection, IGwActivityListener? listener, RetryOptions? retry)
    {
        Connection = connection;
        _transport = new GwTransport(connection, listener, retry);
    }

    public GwConnection Connection { get; }

    /// <summary>GetFunction; <paramref name="functionName"/> may be a name, a partial or full ARN.</summary>
    public async Task<LambdaFunction> GetFunctionAsync(string functionName, string? qualifier, CancellationToken ct)
    {
        var operation = new GwOperation(ServiceNames.Lambda, "GetFunction", HttpMethod.Get,
            LambdaOperations.FunctionPath(functionName), null, LambdaOperations.QualifierQuery(qualifier));
        return ResponseMapper.Function(Json.Parse(await _transport.SendAsync(operation, ct).ConfigureAwait(false)), Connection);
    }

    /// <summary>ListFunctions, every page (Marker / NextMarker).</summary>
    public async IAsyncEnumerable<LambdaFunction> ListFunctionsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var pages = Paging.PagesAsync(async (marker, token) =>
        {
            var query = new Dictionary<string, string> { ["MaxItems"] = "50" };
            if (marker is not null)
                query["Marker"] = marker;
            var operation = new GwOperation(ServiceNames.Lambda, "ListFunctions", HttpMethod.Get, RestPath.Of(LambdaOperations.ApiVersionPrefix, "functions") + "/", null, query);
            return Json.Parse(await _transport.SendAsync(operation, token).ConfigureAwait(false));
        }, "NextMarker", ct);
        await foreach (var page in pages.ConfigureAwait(false))
        {
            if (page.Member("Functions") is { ValueKind: System.Text.Json.JsonValueKind.Array } functions)
            {
                foreach (var configuration in functions.EnumerateArray())
                    yield return ResponseMapper.Function(configuration, Connection);
            }
        }
    }

    /// <summary>AddPermission; returns the statement Lambda stored.</summary>
    public async Task<LambdaPolicyStatement> AddPermissionAsync(AddPermissionRequest request, CancellationToken ct)
    {
        var answer = Json.Parse(await _transport.SendAsync(LambdaOperations.AddPermission(request), ct).ConfigureAwait(false));
        // The stored statement comes back as a JSON document inside a string.
        return ResponseMapper.Statement(Json.Parse(answer.Str("Statement") ?? "{}"), request.FunctionName, Connection);
    }

    public Task RemovePermissionAsync(string functionName, string statementId, string? qualifier, CancellationToken ct) =>
        _transport.SendAsync(LambdaOperations.RemovePermission(functionName, statementId, qualifier), ct);

    /// <summary>GetPolicy; null when the function has no resource-based policy yet.</summary>
    public async Task<LambdaPolicy?> GetPolicyAsync(string functionName, string? qualifier, CancellationToken ct)
    {
        var operation = new GwOperation(ServiceNames.Lambda, "GetPolicy", HttpMethod.Get,
            LambdaOperations.FunctionPath(functionName) + "/policy", null, LambdaOperations.QualifierQuery(qualifier));
        try
        {
            return ResponseMapper.Policy(Json.Parse(await _transport.SendAsync(operation, ct).ConfigureAwait(false)), functionName, Connection);
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

public static class LambdaOperations
{
    internal const string ApiVersionPrefix = "2015-03-31";

    public static GwOperation AddPermission(AddPermissionRequest request)
    {
        var body = new JsonObject
        {
            ["StatementId"] = request.StatementId,
            ["Action"] = request.Action,
            ["Principal"] = request.Principal,
        }
            .Put("SourceArn", request.SourceArn)
            .Put("SourceAccount", request.SourceAccount);
        return new GwOperation(ServiceNames.Lambda, "AddPermission", HttpMethod.Post,
            FunctionPath(request.FunctionName) + "/policy", Json.Write(body), QualifierQuery(request.Qualifier));
    }

    public static GwOperation RemovePermission(string functionName, string statementId, string? qualifier) =>
        new(ServiceNames.Lambda, "RemovePermission", HttpMethod.Delete,
            FunctionPath(functionName) + RestPath.Of("policy", statementId), null, QualifierQuery(qualifier));

    /// <summary>A name, partial ARN or full ARN is one path label; its ':' characters are percent-encoded.</summary>
    internal static string FunctionPath(string functionName) => RestPath.Of(ApiVersionPrefix, "functions", functionName);

    internal static IReadOnlyDictionary<string, string> QualifierQuery(string? qualifier) =>
        qualifier is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Qualifier"] = qualifier };
}
