using System.Net;
using System.Text.Json;
using ApiGatewayTools.LocalGateway;
using ApiGatewayTools.LocalGateway.Lambda;

namespace ApiGatewayTools.Tests.LocalGateway;

public sealed class LambdaApiTests : IDisposable
{
    private const string FunctionArn = "arn:aws:lambda:us-east-1:000000000000:function:hello";
    private const string SourceArn = "arn:aws:execute-api:us-east-1:000000000000:abcdefghij/*/GET/hello";

    private readonly IsolatedGateway _gateway = new();
    private GatewayClient Client => _gateway.Client;

    public LambdaApiTests()
    {
        _gateway.Server.RegisterFunction(new LocalFunctionDefinition
        {
            FunctionName = "hello",
            Description = "says hello",
            Handler = (_, _) => Task.FromResult(LocalFunctionResult.Success("""{"statusCode":200,"body":"hi"}""")),
        });
    }

    public void Dispose() => _gateway.Dispose();

    [Theory]
    [InlineData("hello")]
    [InlineData("hello:$LATEST")]
    [InlineData("000000000000:function:hello")]
    [InlineData(FunctionArn)]
    public async Task GetFunction_by_name_or_arn(string functionName)
    {
        var answer = await Client.Get($"/2015-03-31/functions/{Uri.EscapeDataString(functionName)}");

        answer.ShouldBe(HttpStatusCode.OK);
        var configuration = answer.Json.GetProperty("Configuration");
        Assert.Equal("hello", configuration.GetProperty("FunctionName").GetString());
        Assert.Equal(FunctionArn, configuration.GetProperty("FunctionArn").GetString());
        Assert.Equal("says hello", configuration.GetProperty("Description").GetString());
        Assert.Equal("$LATEST", configuration.GetProperty("Version").GetString());
        Assert.Equal("Active", configuration.GetProperty("State").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$", configuration.GetProperty("LastModified").GetString());
        Assert.Equal(JsonValueKind.Object, answer.Json.GetProperty("Code").ValueKind);
    }

    [Fact]
    public async Task Unknown_function_is_resource_not_found_in_lambda_error_shape()
    {
        var answer = await Client.Get("/2015-03-31/functions/missing");

        answer.ShouldBe(HttpStatusCode.NotFound, "ResourceNotFoundException");
        Assert.Equal("User", answer.Json.GetProperty("Type").GetString());
        Assert.Equal("Function not found: arn:aws:lambda:us-east-1:000000000000:function:missing", answer.Json.GetProperty("Message").GetString());
        (await Client.Get("/2015-03-31/functions/hello?Qualifier=7")).ShouldBe(HttpStatusCode.NotFound, "ResourceNotFoundException");
    }

    [Fact]
    public async Task ListFunctions_pages_with_marker()
    {
        _gateway.Server.RegisterFunction(new LocalFunctionDefinition { FunctionName = "world", Handler = (_, _) => Task.FromResult(LocalFunctionResult.Success("{}")) });
        _gateway.Server.RegisterFunction(new LocalFunctionDefinition { FunctionName = "again", Handler = (_, _) => Task.FromResult(LocalFunctionResult.Success("{}")) });

        var first = await Client.Get("/2015-03-31/functions/?MaxItems=2");
        first.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(["again", "hello"], first.Json.GetProperty("Functions").EnumerateArray().Select(f => f.GetProperty("FunctionName").GetString()));
        var marker = first.Str("NextMarker");

        var second = await Client.Get($"/2015-03-31/functions/?MaxItems=2&Marker={Uri.EscapeDataString(marker)}");
        Assert.Equal(["world"], second.Json.GetProperty("Functions").EnumerateArray().Select(f => f.GetProperty("FunctionName").GetString()));
        Assert.False(second.Json.TryGetProperty("NextMarker", out _));
    }

    [Fact]
    public async Task Permissions_are_added_reported_and_removed()
    {
        (await Client.Get("/2015-03-31/functions/hello/policy")).ShouldBe(HttpStatusCode.NotFound, "ResourceNotFoundException");

        var added = await Client.Post("/2015-03-31/functions/hello/policy", new
        {
            StatementId = "apigw-hello",
            Action = "lambda:InvokeFunction",
            Principal = "apigateway.amazonaws.com",
            SourceArn,
            SourceAccount = "000000000000",
        });
        added.ShouldBe(HttpStatusCode.Created);
        var statement = JsonDocument.Parse(added.Str("Statement")).RootElement;
        Assert.Equal("apigw-hello", statement.GetProperty("Sid").GetString());
        Assert.Equal("Allow", statement.GetProperty("Effect").GetString());
        Assert.Equal("apigateway.amazonaws.com", statement.GetProperty("Principal").GetProperty("Service").GetString());
        Assert.Equal("lambda:InvokeFunction", statement.GetProperty("Action").GetString());
        Assert.Equal(FunctionArn, statement.GetProperty("Resource").GetString());
        Assert.Equal(SourceArn, statement.GetProperty("Condition").GetProperty("ArnLike").GetProperty("AWS:SourceArn").GetString());
        Assert.Equal("000000000000", statement.GetProperty("Condition").GetProperty("StringEquals").GetProperty("AWS:SourceAccount").GetString());

        var duplicate = await Client.Post($"/2015-03-31/functions/{Uri.EscapeDataString(FunctionArn)}/policy", new
        {
            StatementId = "apigw-hello",
            Action = "lambda:InvokeFunction",
            Principal = "apigateway.amazonaws.com",
        });
        duplicate.ShouldBe(HttpStatusCode.Conflict, "ResourceConflictException");
        Assert.Equal("The statement id (apigw-hello) provided already exists. Please specify a new statement id, or remove the existing statement.", duplicate.ErrorMessage);

        var policy = await Client.Get("/2015-03-31/functions/hello/policy");
        policy.ShouldBe(HttpStatusCode.OK);
        Assert.False(string.IsNullOrEmpty(policy.Str("RevisionId")));
        var document = JsonDocument.Parse(policy.Str("Policy")).RootElement;
        Assert.Equal("2012-10-17", document.GetProperty("Version").GetString());
        Assert.Equal("default", document.GetProperty("Id").GetString());
        Assert.Equal("apigw-hello", document.GetProperty("Statement").EnumerateArray().Single().GetProperty("Sid").GetString());
        Assert.Equal(policy.Str("Policy"), _gateway.Server.State.FindFunction(FunctionReference.Parse("hello", null))!.Value.PolicyJson);

        var missing = await Client.Delete("/2015-03-31/functions/hello/policy/nope");
        missing.ShouldBe(HttpStatusCode.NotFound, "ResourceNotFoundException");
        Assert.Equal("Statement nope is not found in resource policy.", missing.ErrorMessage);

        (await Client.Delete("/2015-03-31/functions/hello/policy/apigw-hello")).ShouldBe(HttpStatusCode.NoContent);
        var empty = await Client.Get("/2015-03-31/functions/hello/policy");
        empty.ShouldBe(HttpStatusCode.NotFound, "ResourceNotFoundException");
        Assert.Equal("The resource you requested does not exist.", empty.ErrorMessage);
    }

    [Fact]
    public async Task Permission_on_unknown_function_is_not_found()
    {
        var answer = await Client.Post("/2015-03-31/functions/ghost/policy", new
        {
            StatementId = "s1",
            Action = "lambda:InvokeFunction",
            Principal = "apigateway.amazonaws.com",
        });

        answer.ShouldBe(HttpStatusCode.NotFound, "ResourceNotFoundException");
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("dots.not.allowed")]
    [InlineData("this-name-is-far-too-long-for-lambda-because-it-has-more-than-64-chars")]
    public void RegisterFunction_rejects_invalid_names(string name)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            _gateway.Server.RegisterFunction(new LocalFunctionDefinition { FunctionName = name, Handler = (_, _) => Task.FromResult(LocalFunctionResult.Success("{}")) }));

        Assert.Contains("function name", error.Message);
    }

    [Fact]
    public void RegisterFunction_reports_the_function()
    {
        var info = _gateway.Server.Functions.Single();

        Assert.Equal("hello", info.FunctionName);
        Assert.Equal(FunctionArn, info.FunctionArn);
        Assert.Equal("provided.al2023", info.Runtime);
    }

    [Fact]
    public async Task Invoke_reports_a_function_error_in_its_header_and_payload()
    {
        _gateway.Server.RegisterFunction(new LocalFunctionDefinition
        {
            FunctionName = "failing",
            Handler = (_, _) => Task.FromResult(LocalFunctionResult.Error("TypeError", "x is undefined", ["at handler (index.js:1:1)"])),
        });

        var answer = await Client.Post("/2015-03-31/functions/failing/invocations", new { });

        answer.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("Unhandled", answer.Message.Headers.GetValues("X-Amz-Function-Error").Single());
        Assert.Equal("TypeError", answer.Str("errorType"));
        Assert.Equal("x is undefined", answer.Str("errorMessage"));
        Assert.Equal("at handler (index.js:1:1)", answer.Json.GetProperty("stackTrace")[0].GetString());
    }

    [Fact]
    public async Task Invoke_stops_a_function_at_its_timeout_with_Lambdas_error()
    {
        _gateway.Server.RegisterFunction(new LocalFunctionDefinition
        {
            FunctionName = "slow",
            Timeout = TimeSpan.FromSeconds(1),
            Handler = async (_, ct) =>
            {
                await Task.Delay(Timeout.Infinite, ct);
                return LocalFunctionResult.Success("{}");
            },
        });

        var answer = await Client.Post("/2015-03-31/functions/slow/invocations", new { });

        answer.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("Unhandled", answer.Message.Headers.GetValues("X-Amz-Function-Error").Single());
        Assert.Equal("Sandbox.Timedout", answer.Str("errorType"));
        Assert.Matches(@"^RequestId: [0-9a-f-]{36} Error: Task timed out after 1\.00 seconds$", answer.Str("errorMessage"));
    }

    [Fact]
    public async Task Invoke_over_reserved_concurrency_is_TooManyRequestsException()
    {
        var code = Directory.CreateTempSubdirectory("gw-invoke-throttle").FullName;
        try
        {
            File.WriteAllText(Path.Combine(code, "index.js"), "exports.handler = async () => 1;");
            _gateway.Server.RegisterRuntimeFunction(new LocalRuntimeFunction
            {
                FunctionName = "reserved",
                Runtime = "nodejs20.x",
                Handler = "index.handler",
                CodePath = code,
                ReservedConcurrency = 0,
            });

            var answer = await Client.Post("/2015-03-31/functions/reserved/invocations", new { });

            answer.ShouldBe((HttpStatusCode)429, "TooManyRequestsException");
            Assert.Equal("Rate Exceeded.", answer.ErrorMessage);
        }
        finally
        {
            Directory.Delete(code, recursive: true);
        }
    }
}
