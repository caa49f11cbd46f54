using System.Diagnostics;
using System.Text.Json;
using ApiGatewayTools.LocalGateway;
using ApiGatewayTools.Tests.LocalGateway.DataPlane;

namespace ApiGatewayTools.Tests.LocalGateway.Functions;

/// <summary>Node.js handler files in warm workers, through a deployed AWS (non-proxy) integration that passes the payload through.</summary>
public sealed class RuntimeWorkerTests : IAsyncLifetime
{
    private readonly DataPlaneHarness _gateway = new();
    private readonly string _code = Path.Combine(Path.GetTempPath(), "gw-worker-tests-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_code);
        File.WriteAllText(Path.Combine(_code, "index.mjs"), """
            export const handler = async (event) => {
              if (event.big) { return 'x'.repeat(7 * 1024 * 1024); }
              return { pid: process.pid, size: JSON.stringify(event).length };
            };
            """);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        Directory.Delete(_code, recursive: true);
    }

    private void Register(string name) =>
        _gateway.Server.RegisterRuntimeFunction(new LocalRuntimeFunction { FunctionName = name, Runtime = "nodejs20.x", Handler = "index.handler", CodePath = _code });

    private async Task<string> NonProxyApi(string function)
    {
        var apiId = await _gateway.CreateApi();
        var resourceId = await _gateway.Method(apiId, "/fn", "POST", new
        {
            type = "AWS",
            httpMethod = "POST",
            uri = $"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:{function}/invocations",
        });
        await _gateway.IntegrationResponse(apiId, resourceId, "POST", "200", new { });
        await _gateway.Client.Post($"/2015-03-31/functions/{function}/policy", new { StatementId = "apigw", Action = "lambda:InvokeFunction", Principal = "apigateway.amazonaws.com" });
        await _gateway.Deploy(apiId);
        return apiId;
    }

    private async Task<JsonElement> Call(string apiId, string body)
    {
        var answer = await _gateway.Invoke(apiId, "prod", HttpMethod.Post, "/fn", DataPlaneHarness.Json(body));
        return JsonDocument.Parse(answer.Body).RootElement.Clone();
    }

    [Fact]
    public async Task A_result_over_6_MB_is_Lambdas_response_size_error()
    {
        Register("big");
        var apiId = await NonProxyApi("big");

        var error = await Call(apiId, """{"big":true}""");

        Assert.Equal("Function.ResponseSizeTooLarge", error.GetProperty("errorType").GetString());
        Assert.Equal("Response payload size exceeded maximum allowed payload size (6291556 bytes).", error.GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task An_event_over_6_MB_is_refused_by_Lambda_and_API_Gateway_answers_500()
    {
        Register("large");
        var apiId = await NonProxyApi("large");

        var answer = await _gateway.Invoke(apiId, "prod", HttpMethod.Post, "/fn",
            DataPlaneHarness.Json($$"""{"text":"{{new string('a', 6_400_000)}}"}"""));

        Assert.Equal(500, answer.Status);
        var entry = _gateway.Server.RecentRequests.Single(e => e.RequestId == answer.Header("x-amzn-RequestId"));
        Assert.Equal("Lambda refused to invoke large: RequestEntityTooLargeException: Request must be smaller than 6291456 bytes for the InvokeFunction operation", entry.Error);
    }

    [Fact]
    public async Task Registering_again_stops_the_old_workers_and_stopping_the_gateway_stops_the_rest()
    {
        Register("warm");
        var apiId = await NonProxyApi("warm");
        var first = (await Call(apiId, "{}")).GetProperty("pid").GetInt32();
        Assert.Equal([first], _gateway.Server.FunctionWorkerProcessIds);

        Register("warm");
        var second = (await Call(apiId, "{}")).GetProperty("pid").GetInt32();

        Assert.NotEqual(first, second);
        Assert.True(HasExited(first));
        await _gateway.Server.DisposeAsync();
        Assert.True(HasExited(second));
        Assert.Empty(_gateway.Server.FunctionWorkerProcessIds);
    }

    private static bool HasExited(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return process.WaitForExit(5000);
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    [Fact]
    public async Task GetFunction_reports_the_runtime_handler_settings_environment_and_reserved_concurrency()
    {
        _gateway.Server.RegisterRuntimeFunction(new LocalRuntimeFunction
        {
            FunctionName = "configured",
            Runtime = "nodejs22.x",
            Handler = "index.handler",
            CodePath = _code,
            Environment = new Dictionary<string, string> { ["TABLE"] = "pets" },
            Timeout = TimeSpan.FromSeconds(20),
            MemorySize = 1024,
            ReservedConcurrency = 4,
        });

        var answer = await _gateway.Client.Get("/2015-03-31/functions/configured");

        var configuration = answer.Json.GetProperty("Configuration");
        Assert.Equal("nodejs22.x", configuration.GetProperty("Runtime").GetString());
        Assert.Equal("index.handler", configuration.GetProperty("Handler").GetString());
        Assert.Equal(20, configuration.GetProperty("Timeout").GetInt32());
        Assert.Equal(1024, configuration.GetProperty("MemorySize").GetInt32());
        Assert.Equal("pets", configuration.GetProperty("Environment").GetProperty("Variables").GetProperty("TABLE").GetString());
        Assert.Equal(4, answer.Json.GetProperty("Concurrency").GetProperty("ReservedConcurrentExecutions").GetInt32());
    }
}
