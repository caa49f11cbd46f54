using System.Diagnostics;
using System.Text;
using ApiGatewayTools.LocalGateway.ControlPlane;
using ApiGatewayTools.LocalGateway.Http;
using ApiGatewayTools.LocalGateway.Json;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway.DataPlane.Authorization;

/// <summary>
/// TestInvokeAuthorizer: runs an authorizer's current, undeployed definition for the identity given (headers, path,
/// stage variables) and reports its decision: clientStatus 200 with principalId, policy and claims, 401 when the
/// identity is missing or refused, 500 when the authorizer is misconfigured or its answer malformed.
/// </summary>
internal sealed class TestInvokeAuthorizerRoute(GatewayState state, AuthorizerRunner runner) : IRouteArea
{
    public void Register(Router router) =>
        router.Map("POST", "/restapis/{restapi_id}/authorizers/{authorizer_id}", "TestInvokeAuthorizer", TestInvokeAsync);

    private async Task<GatewayResponse> TestInvokeAsync(GatewayRequest request, CancellationToken ct)
    {
        var body = request.Json;
        AuthorizerRecord authorizer;
        lock (state.Sync)
        {
            authorizer = state.RestApis.Get(request.Route("restapi_id")).Authorizers.Get(request.Route("authorizer_id")) with { };
        }
        var pathWithQuery = JsonRead.String(body, "pathWithQueryString") ?? "/";
        var queryStart = pathWithQuery.IndexOf('?');
        var path = "/" + (queryStart < 0 ? pathWithQuery : pathWithQuery[..queryStart]).TrimStart('/');
        var rawQuery = queryStart < 0 ? "" : pathWithQuery[(queryStart + 1)..];
        var requestBody = JsonRead.String(body, "body");
        var input = new AuthorizerInput
        {
            Authorizer = authorizer,
            Request = new InvocationRequest
            {
                HttpMethod = "GET",
                Path = Uri.UnescapeDataString(path),
                PathSegments = InvocationRequest.SplitPath(path),
                RawQuery = rawQuery,
                Query = InvocationRequest.ParseQuery(rawQuery),
                Headers = TestInvokeRoutes.ReadHeaders(body),
                Body = requestBody is null ? [] : Encoding.UTF8.GetBytes(requestBody),
                SourceIp = "test-invoke-source-ip",
            },
            RestApiId = request.Route("restapi_id"),
            StageName = Invocation.TestInvokeStage,
            StageVariables = JsonRead.StringMap(body, "stageVariables") ?? new(StringComparer.Ordinal),
            ResourcePath = path,
            PathParameters = new Dictionary<string, string>(),
            RequestId = Guid.NewGuid().ToString(),
        };
        var log = new ExecutionLog();
        var started = Stopwatch.GetTimestamp();
        var verdict = AuthorizerRunner.IdentityKey(input) is null
            ? AuthorizerVerdict.Refused(GatewayFailure.Unauthorized, "the identity source is missing or not valid")
            : await runner.RunAsync(input, log, ct).ConfigureAwait(false);
        var latency = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (verdict.Failure is { } failure)
        {
            log.Add($"Authorizer refused the request: {verdict.Reason}");
        }
        return GatewayResponse.Json(200, w =>
        {
            w.WriteNumber("clientStatus", verdict.Failure?.StatusCode ?? 200);
            w.WriteString("log", log.ToString());
            w.WriteNumber("latency", latency);
            if (verdict.Grant is { } grant)
            {
                w.OptionalString("principalId", grant.PrincipalId);
                w.OptionalString("policy", grant.PolicyJson);
                w.OptionalMap("claims", grant.Claims);
                w.WriteStartObject("authorization");
                w.WriteEndObject();
            }
        });
    }
}
