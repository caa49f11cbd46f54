using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApiGatewayTools.LocalGateway;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.Tests.LocalGateway;

/// <summary>StatePath: the state survives a restart, writes are atomic, and a file that cannot be read stops the start.</summary>
public sealed class StatePersistenceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gw-state-").FullName;

    private string StatePath => Path.Combine(_folder, "state.json");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private LocalGatewayServer Start() => LocalGatewayServer.Start(new LocalGatewayOptions { StatePath = StatePath });

    [Fact]
    public async Task Every_kind_of_state_reads_back_the_same_after_a_restart()
    {
        const string SourceArn = "arn:aws:execute-api:us-east-1:000000000000:abc/*/GET/pets";
        string apiId;
        Dictionary<string, string> before;
        await using (var first = Start())
        {
            var client = new GatewayClient(first);
            var api = await client.Post("/restapis", new
            {
                name = "kept",
                description = "survives",
                binaryMediaTypes = new[] { "image/png" },
                tags = new { team = "pets" },
            });
            apiId = api.Str("id");
            var rootId = api.Str("rootResourceId");
            var pets = await client.CreateResource(apiId, rootId, "pets");
            var pet = await client.CreateResource(apiId, pets, "{petId}");
            var validator = (await client.Post($"/restapis/{apiId}/requestvalidators", new { name = "body", validateRequestBody = true })).Str("id");
            (await client.Put($"/restapis/{apiId}/resources/{pet}/methods/GET", new
            {
                authorizationType = "NONE",
                requestParameters = new Dictionary<string, bool> { ["method.request.path.petId"] = true },
                requestValidatorId = validator,
            })).ShouldBe(HttpStatusCode.Created);
            (await client.Put($"/restapis/{apiId}/resources/{pet}/methods/GET/responses/200", new { responseParameters = new Dictionary<string, bool> { ["method.response.header.X-Pet"] = false } }))
                .ShouldBe(HttpStatusCode.Created);
            (await client.Put($"/restapis/{apiId}/resources/{pet}/methods/GET/integration", new
            {
                type = "MOCK",
                requestTemplates = new Dictionary<string, string> { ["application/json"] = """{"statusCode": 200}""" },
            })).ShouldBe(HttpStatusCode.Created);
            (await client.Put($"/restapis/{apiId}/resources/{pet}/methods/GET/integration/responses/200", new
            {
                responseTemplates = new Dictionary<string, string> { ["application/json"] = """{"pet":"$input.params('petId')"}""" },
            })).ShouldBe(HttpStatusCode.Created);
            var deployment = await client.Post($"/restapis/{apiId}/deployments", new { stageName = "prod", description = "v1", variables = new { color = "blue" } });
            deployment.ShouldBe(HttpStatusCode.Created);
            (await client.Post($"/restapis/{apiId}/deployments", new { stageName = "prod", canarySettings = new { percentTraffic = 10.0 } })).ShouldBe(HttpStatusCode.Created);
            (await client.Patch($"/restapis/{apiId}/stages/prod",
                new { op = "replace", path = "/*/*/caching/ttlInSeconds", value = "60" },
                new { op = "replace", path = "/accessLogSettings/format", value = "$context.requestId" },
                new { op = "replace", path = "/accessLogSettings/destinationArn", value = "arn:aws:logs:us-east-1:000000000000:log-group:access" })).ShouldBe(HttpStatusCode.OK);

            first.RegisterFunction(new LocalFunctionDefinition { FunctionName = "pets", Handler = (_, _) => Task.FromResult(LocalFunctionResult.Success("{}")) });
            (await client.Post("/2015-03-31/functions/pets/policy", new
            {
                StatementId = "apigw-pets",
                Action = "lambda:InvokeFunction",
                Principal = "apigateway.amazonaws.com",
                SourceArn,
            })).ShouldBe(HttpStatusCode.Created);

            before = await Describe(client, apiId);
        }

        await using var second = Start();
        var again = new GatewayClient(second);

        var after = await Describe(again, apiId);
        foreach (var (what, json) in before)
        {
            Assert.True(json == after[what], $"{what} differs after the restart:\n{json}\n{after[what]}");
        }
        var invoked = await again.Get($"/restapis/{apiId}/prod/_user_request_/pets/rex");
        Assert.Equal("rex", invoked.Json.GetProperty("pet").GetString());

        // The function's code is not kept; its permission is, and returns with the function.
        (await again.Get("/2015-03-31/functions/pets/policy")).ShouldBe(HttpStatusCode.NotFound, "ResourceNotFoundException");
        second.RegisterFunction(new LocalFunctionDefinition { FunctionName = "pets", Handler = (_, _) => Task.FromResult(LocalFunctionResult.Success("{}")) });
        var policy = await again.Get("/2015-03-31/functions/pets/policy");
        policy.ShouldBe(HttpStatusCode.OK);
        Assert.Contains("apigw-pets", policy.Str("Policy"));
    }

    [Fact]
    public async Task A_deployment_reads_back_everything_it_froze_after_a_restart_its_authorizers_too()
    {
        string apiId;
        DeploymentSnapshot frozen;
        string authorizers;
        await using (var first = Start())
        {
            var client = new GatewayClient(first);
            apiId = await DeployApiWithThreeAuthorizers(client);
            frozen = first.State.RestApis.Get(apiId).Deployments.Values.Single().Snapshot;
            authorizers = (await client.Get($"/restapis/{apiId}/authorizers")).Json.GetRawText();
        }

        await using var second = Start();

        var loaded = second.State.RestApis.Get(apiId).Deployments.Values.Single().Snapshot;
        Assert.Equal(["COGNITO_USER_POOLS", "REQUEST", "TOKEN"], loaded.Authorizers.Values.Select(authorizer => authorizer.Type).Order());
        // Every member of the snapshot, by value: one that the state file forgets differs here.
        Assert.Equivalent(frozen, loaded, strict: true);
        Assert.Equal(authorizers, (await new GatewayClient(second).Get($"/restapis/{apiId}/authorizers")).Json.GetRawText());
    }

    [Fact]
    public async Task A_state_file_written_before_authorizers_were_kept_still_loads_with_none()
    {
        string apiId;
        string api;
        await using (var first = Start())
        {
            var client = new GatewayClient(first);
            apiId = await DeployApiWithThreeAuthorizers(client);
            api = (await client.Get($"/restapis/{apiId}")).Json.GetRawText();
        }
        // Such a file is the same version without the lists: under the API and in each deployment's snapshot.
        var older = JsonNode.Parse(File.ReadAllText(StatePath))!;
        var persistedApi = older["restApis"]![0]!.AsObject();
        Assert.True(persistedApi.Remove("authorizers"));
        Assert.True(persistedApi["deployments"]![0]!["snapshot"]!.AsObject().Remove("authorizers"));
        File.WriteAllText(StatePath, older.ToJsonString());

        await using var second = Start();
        var again = new GatewayClient(second);

        Assert.Equal(api, (await again.Get($"/restapis/{apiId}")).Json.GetRawText());
        Assert.Empty((await again.Get($"/restapis/{apiId}/authorizers")).Json.GetProperty("item").EnumerateArray());
        Assert.Empty(second.State.RestApis.Get(apiId).Deployments.Values.Single().Snapshot.Authorizers);
    }

    [Fact]
    public async Task The_accounts_api_keys_and_usage_plans_read_back_the_same_and_still_open_a_keyed_method_after_a_restart()
    {
        string apiId;
        string keyValue;
        Dictionary<string, string> before;
        await using (var first = Start())
        {
            var client = new GatewayClient(first);
            var (id, rootId) = await client.CreateApi("keyed");
            apiId = id;
            var pets = await client.CreateResource(apiId, rootId, "pets");
            (await client.Put($"/restapis/{apiId}/resources/{pets}/methods/GET", new { authorizationType = "NONE", apiKeyRequired = true })).ShouldBe(HttpStatusCode.Created);
            (await client.Put($"/restapis/{apiId}/resources/{pets}/methods/GET/responses/200", new { })).ShouldBe(HttpStatusCode.Created);
            (await client.Put($"/restapis/{apiId}/resources/{pets}/methods/GET/integration", new
            {
                type = "MOCK",
                requestTemplates = new Dictionary<string, string> { ["application/json"] = """{"statusCode": 200}""" },
            })).ShouldBe(HttpStatusCode.Created);
            (await client.Put($"/restapis/{apiId}/resources/{pets}/methods/GET/integration/responses/200", new { })).ShouldBe(HttpStatusCode.Created);
            (await client.Post($"/restapis/{apiId}/deployments", new { stageName = "prod" })).ShouldBe(HttpStatusCode.Created);
            var key = await client.Post("/apikeys", new { name = "caller", description = "kept", customerId = "acme", enabled = true });
            keyValue = key.Str("value");
            var plan = await client.Post("/usageplans", new
            {
                name = "gold",
                throttle = new { rateLimit = 10.5, burstLimit = 20 },
                quota = new { limit = 1000, period = "MONTH", offset = 2 },
                apiStages = new[] { new { apiId, stage = "prod", throttle = new Dictionary<string, object> { ["/pets/GET"] = new { rateLimit = 5.0, burstLimit = 10 } } } },
            });
            (await client.Post($"/usageplans/{plan.Str("id")}/keys", new { keyId = key.Str("id"), keyType = "API_KEY" })).ShouldBe(HttpStatusCode.Created);
            before = await DescribeAccount(client, plan.Str("id"));
        }

        await using var second = Start();

        var again = new GatewayClient(second);
        var after = await DescribeAccount(again, JsonDocument.Parse(before["GetUsagePlans"]).RootElement.GetProperty("item")[0].GetProperty("id").GetString()!);
        foreach (var (what, json) in before)
        {
            Assert.True(json == after[what], $"{what} differs after the restart:\n{json}\n{after[what]}");
        }
        var invokeUrl = new Uri(second.EndpointUrl, $"/restapis/{apiId}/prod/_user_request_/pets");
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync(invokeUrl)).StatusCode);
        using var keyed = new HttpRequestMessage(HttpMethod.Get, invokeUrl) { Headers = { { "x-api-key", keyValue } } };
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(keyed)).StatusCode);
    }

    [Fact]
    public async Task A_change_is_written_without_waiting_for_the_stop_and_no_temporary_file_is_left()
    {
        await using var server = Start();
        await new GatewayClient(server).CreateApi("written-soon");

        // Bounded wait for the background write (it follows a change within a fraction of a second).
        for (var i = 0; i < 100 && !(File.Exists(StatePath) && File.ReadAllText(StatePath).Contains("written-soon")); i++)
        {
            await Task.Delay(100);
        }

        Assert.Contains("written-soon", File.ReadAllText(StatePath));
        Assert.Equal([StatePath], Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task A_write_killed_halfway_leaves_the_previous_state_whole()
    {
        await using (var server = Start())
        {
            await new GatewayClient(server).CreateApi("before-the-kill");
        }
        // What a kill during the next write leaves: a partial temporary file beside the intact state file.
        var written = File.ReadAllBytes(StatePath);
        File.WriteAllBytes($"{StatePath}.99999.tmp", written[..(written.Length / 2)]);

        await using var restarted = Start();

        var apis = (await new GatewayClient(restarted).Get("/restapis")).Json.GetProperty("item");
        Assert.Equal("before-the-kill", apis.EnumerateArray().Single().GetProperty("name").GetString());
    }

    public static TheoryData<string, byte[]> UnreadableFiles => new()
    {
        { "cut short", Encoding.UTF8.GetBytes("""{"format":"ApiGatewayTools.LocalGateway.State","version":1,"restApis":[{"api":{"id":"ab""") },
        { "garbage", [0x00, 0xFF, 0x13, 0x37, 0xC3, 0x28, 0x0A] },
        { "empty", [] },
        { "another program's JSON", Encoding.UTF8.GetBytes("""{"hello":"world"}""") },
        { "a newer version", Encoding.UTF8.GetBytes("""{"format":"ApiGatewayTools.LocalGateway.State","version":99,"restApis":[]}""") },
    };

    [Theory]
    [MemberData(nameof(UnreadableFiles))]
    public void A_file_that_is_not_a_readable_state_file_stops_the_start_and_is_left_untouched(string kind, byte[] content)
    {
        File.WriteAllBytes(StatePath, content);

        var error = Assert.Throws<LocalGatewayStateException>(Start);

        Assert.Contains(StatePath, error.Message);
        Assert.True(error.IsUnreadable);
        Assert.Equal(content, File.ReadAllBytes(StatePath));
        Assert.False(string.IsNullOrEmpty(kind));
    }

    [Fact]
    public void A_state_file_that_cannot_be_written_stops_the_start()
    {
        var path = Path.Combine(_folder, "missing", "state.json");

        var error = Assert.Throws<LocalGatewayStateException>(() => LocalGatewayServer.Start(new LocalGatewayOptions { StatePath = path }));

        Assert.Contains(path, error.Message);
        Assert.False(error.IsUnreadable);
    }

    [Fact]
    public async Task A_stop_that_cannot_write_the_last_changes_says_so()
    {
        var server = Start();
        // The place of the file becomes unwritable: a folder now stands where the file was.
        File.Delete(StatePath);
        Directory.CreateDirectory(StatePath);
        await new GatewayClient(server).CreateApi("not-saved");

        var error = await Assert.ThrowsAsync<LocalGatewayStateException>(async () => await server.DisposeAsync());

        Assert.Equal(StatePath, error.Path);
        Assert.Contains("last changes could not be written", error.Message);
    }

    [Fact]
    public async Task A_new_state_file_is_written_at_start()
    {
        await using var server = Start();

        Assert.Contains("\"format\":\"ApiGatewayTools.LocalGateway.State\"", File.ReadAllText(StatePath));
    }

    /// <summary>
    /// An API with a TOKEN, a REQUEST and a Cognito authorizer (every setting of each given), a method behind each,
    /// and one of everything else a deployment freezes: a resource policy, an API key source, a compression size,
    /// binary media types, a request validator, a model and a gateway response; deployed to stage prod.
    /// </summary>
    private static async Task<string> DeployApiWithThreeAuthorizers(GatewayClient client)
    {
        const string FunctionUri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:auth/invocations";
        var created = await client.Post("/restapis", new
        {
            name = "guarded",
            apiKeySource = "AUTHORIZER",
            minimumCompressionSize = 1024,
            binaryMediaTypes = new[] { "image/png" },
            policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*"}]}""",
        });
        created.ShouldBe(HttpStatusCode.Created);
        var apiId = created.Str("id");
        var rootId = created.Str("rootResourceId");
        var token = (await client.Post($"/restapis/{apiId}/authorizers", new
        {
            name = "token",
            type = "TOKEN",
            authorizerUri = FunctionUri,
            authorizerCredentials = "arn:aws:iam::000000000000:role/authorizer-invoker",
            identitySource = "method.request.header.Authorization",
            identityValidationExpression = "^Bearer [a-z]+$",
            authorizerResultTtlInSeconds = 60,
        })).Str("id");
        var request = (await client.Post($"/restapis/{apiId}/authorizers", new
        {
            name = "request",
            type = "REQUEST",
            authorizerUri = FunctionUri,
            identitySource = "method.request.header.auth, method.request.querystring.tenant",
            authorizerResultTtlInSeconds = 0,
        })).Str("id");
        var cognito = (await client.Post($"/restapis/{apiId}/authorizers", new
        {
            name = "cognito",
            type = "COGNITO_USER_POOLS",
            providerARNs = new[]
            {
                "arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_first",
                "arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_second",
            },
            authType = "cognito_user_pools",
            identitySource = "method.request.header.X-Id-Token",
        })).Str("id");
        foreach (var (pathPart, authorizationType, authorizerId) in new[]
        {
            ("token", "CUSTOM", token),
            ("request", "CUSTOM", request),
            ("cognito", "COGNITO_USER_POOLS", cognito),
        })
        {
            var resourceId = await client.CreateResource(apiId, rootId, pathPart);
            (await client.Put($"/restapis/{apiId}/resources/{resourceId}/methods/GET", new { authorizationType, authorizerId }))
                .ShouldBe(HttpStatusCode.Created);
            (await client.Put($"/restapis/{apiId}/resources/{resourceId}/methods/GET/integration", new { type = "MOCK" }))
                .ShouldBe(HttpStatusCode.Created);
        }
        (await client.Post($"/restapis/{apiId}/requestvalidators", new { name = "body", validateRequestBody = true })).ShouldBe(HttpStatusCode.Created);
        (await client.Post($"/restapis/{apiId}/models", new { name = "Pet", contentType = "application/json", schema = """{"type":"object"}""" }))
            .ShouldBe(HttpStatusCode.Created);
        (await client.Put($"/restapis/{apiId}/gatewayresponses/UNAUTHORIZED", new { statusCode = "401", responseTemplates = new Dictionary<string, string> { ["application/json"] = """{"why":"$context.error.message"}""" } }))
            .ShouldBe(HttpStatusCode.Created);
        (await client.Post($"/restapis/{apiId}/deployments", new { stageName = "prod" })).ShouldBe(HttpStatusCode.Created);
        return apiId;
    }

    /// <summary>What a client reads back about the account's API keys (with their values) and a usage plan, each as JSON text.</summary>
    private static async Task<Dictionary<string, string>> DescribeAccount(GatewayClient client, string planId)
    {
        async Task<string> Read(string path) => (await client.Get(path)).Json.GetRawText();
        return new()
        {
            ["GetApiKeys"] = await Read("/apikeys?includeValues=true"),
            ["GetUsagePlans"] = await Read("/usageplans"),
            ["GetUsagePlanKeys"] = await Read($"/usageplans/{planId}/keys"),
        };
    }

    /// <summary>What a client reads back about the API, each as JSON text, keyed by the operation.</summary>
    private static async Task<Dictionary<string, string>> Describe(GatewayClient client, string apiId)
    {
        async Task<string> Read(string path) => (await client.Get(path)).Json.GetRawText();
        var arn = Uri.EscapeDataString($"arn:aws:apigateway:us-east-1::/restapis/{apiId}");
        return new()
        {
            ["GetRestApi"] = await Read($"/restapis/{apiId}"),
            ["GetResources"] = await Read($"/restapis/{apiId}/resources?embed=methods"),
            ["GetDeployments"] = await Read($"/restapis/{apiId}/deployments"),
            ["GetStages"] = await Read($"/restapis/{apiId}/stages"),
            ["GetRequestValidators"] = await Read($"/restapis/{apiId}/requestvalidators"),
            ["GetTags"] = await Read($"/tags/{arn}"),
        };
    }
}
