using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApiGatewayTools.LocalGateway;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace ApiGatewayTools.Tests.LocalGateway;

/// <summary>GetExport, ImportRestApi and PutRestApi over real HTTP: round trips, real-world-shaped documents, refusals.</summary>
public sealed class OpenApiTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly GatewayClient _client = new(fixture.Server);
    private readonly TestSigV4Signer _signer = new(LocalGatewayServer.DefaultAccessKey, LocalGatewayServer.DefaultSecretKey);

    public static TheoryData<string, string> Formats => new()
    {
        { "oas30", "application/json" },
        { "oas30", "application/yaml" },
        { "swagger", "application/json" },
        { "swagger", "application/yaml" },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task An_API_built_by_calls_exports_imports_and_exports_again_identically(string exportType, string mediaType)
    {
        var apiId = await BuildPetStore();
        var first = await Export(apiId, "prod", exportType, mediaType, "apigateway");

        var imported = await Send(HttpMethod.Post, "/restapis?mode=import&failonwarnings=true", first, mediaType);
        Assert.True(imported.Status == HttpStatusCode.Created, imported.Text);
        var copyId = JsonNode.Parse(imported.Text)!["id"]!.GetValue<string>();
        Assert.NotEqual(apiId, copyId);
        (await _client.Post($"/restapis/{copyId}/deployments", new { stageName = "prod" })).ShouldBe(HttpStatusCode.Created);
        (await _client.Post($"/restapis/{copyId}/documentation/versions", new { documentationVersion = "1.0", stageName = "prod" })).ShouldBe(HttpStatusCode.Created);
        var second = await Export(copyId, "prod", exportType, mediaType, "apigateway");

        Assert.Equal(first.Replace(apiId, "API"), second.Replace(copyId, "API"));
        var diagnostic = Parse(second).Diagnostic!;
        Assert.Empty(diagnostic.Errors);
        Assert.Equal(exportType == "swagger" ? OpenApiSpecVersion.OpenApi2_0 : OpenApiSpecVersion.OpenApi3_0, diagnostic.SpecificationVersion);
    }

    [Fact]
    public async Task An_export_has_AWS_shape_and_carries_only_the_extensions_asked_for()
    {
        var apiId = await BuildPetStore();
        var full = JsonNode.Parse(await Export(apiId, "prod", "oas30", "application/json", "apigateway"))!;
        Assert.Equal("3.0.1", full["openapi"]!.GetValue<string>());
        Assert.Equal($"https://{apiId}.execute-api.us-east-1.amazonaws.com/{{basePath}}", full["servers"]![0]!["url"]!.GetValue<string>());
        Assert.Equal("prod", full["servers"]![0]!["variables"]!["basePath"]!["default"]!.GetValue<string>());
        var getPet = full["paths"]!["/pets/{petId}"]!["get"]!;
        Assert.Equal("path", getPet["parameters"]![0]!["in"]!.GetValue<string>());
        Assert.Equal("mock", getPet["x-amazon-apigateway-integration"]!["type"]!.GetValue<string>());
        Assert.Equal("200", getPet["x-amazon-apigateway-integration"]!["responses"]!["default"]!["statusCode"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/Pet", full["paths"]!["/pets"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/Pet", full["components"]!["schemas"]!["Pets"]!["items"]!["$ref"]!.GetValue<string>());
        Assert.Null(full["components"]!["schemas"]!["Pet"]!["$schema"]);
        Assert.Equal("400", full["x-amazon-apigateway-gateway-responses"]!["DEFAULT_4XX"]!["statusCode"]!.GetValue<string>());
        Assert.Equal("1.0", full["x-amazon-apigateway-documentation"]!["version"]!.GetValue<string>());
        Assert.Equal(2, full["x-amazon-apigateway-documentation"]!["documentationParts"]!.AsArray().Count);
        Assert.Equal("body-only", full["paths"]!["/pets"]!["post"]!["x-amazon-apigateway-request-validator"]!.GetValue<string>());
        Assert.Equal("token", full["components"]!["securitySchemes"]!["petauth"]!["x-amazon-apigateway-authorizer"]!["type"]!.GetValue<string>());
        Assert.NotNull(full["components"]!["securitySchemes"]!["api_key"]);
        var any = full["paths"]!["/pets/{petId}/{proxy+}"]!["x-amazon-apigateway-any-method"]!;
        Assert.Equal("http_proxy", any["x-amazon-apigateway-integration"]!["type"]!.GetValue<string>());
        Assert.Equal("api_key", any["security"]![0]!.AsObject().Single().Key);
        Assert.Equal("image/png", full["x-amazon-apigateway-binary-media-types"]![0]!.GetValue<string>());

        var plain = JsonNode.Parse(await Export(apiId, "prod", "oas30", "application/json", null))!;
        Assert.Null(plain["paths"]!["/pets/{petId}"]!["get"]!["x-amazon-apigateway-integration"]);
        Assert.Null(plain["x-amazon-apigateway-binary-media-types"]);
        Assert.Null(plain["components"]!["securitySchemes"]!["petauth"]!["x-amazon-apigateway-authorizer"]);

        var swagger = JsonNode.Parse(await Export(apiId, "prod", "swagger", "application/json", "integrations"))!;
        Assert.Equal("2.0", swagger["swagger"]!.GetValue<string>());
        Assert.Equal("/prod", swagger["basePath"]!.GetValue<string>());
        Assert.Equal("#/definitions/Pet", swagger["paths"]!["/pets"]!["post"]!["parameters"]![0]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/definitions/Pet", swagger["definitions"]!["Pets"]!["items"]!["$ref"]!.GetValue<string>());
        Assert.NotNull(swagger["paths"]!["/pets/{petId}"]!["get"]!["x-amazon-apigateway-integration"]);
        Assert.Null(swagger["x-amazon-apigateway-request-validators"]);
    }

    [Fact]
    public async Task An_export_is_what_the_stage_deployed_not_what_changed_since()
    {
        var apiId = await BuildPetStore();
        var (_, rootId) = (apiId, (await _client.Get($"/restapis/{apiId}")).Str("rootResourceId"));
        var later = await _client.CreateResource(apiId, rootId, "later");
        await _client.AddMockMethod(apiId, later);

        var exported = JsonNode.Parse(await Export(apiId, "prod", "oas30", "application/json", null))!;
        Assert.Null(exported["paths"]!["/later"]);
    }

    [Fact]
    public async Task Exports_refuse_unknown_types_stages_and_media_types()
    {
        var apiId = await BuildPetStore();
        var unknownType = await Send(HttpMethod.Get, $"/restapis/{apiId}/stages/prod/exports/raml", null, null);
        Assert.Equal(HttpStatusCode.BadRequest, unknownType.Status);
        var unknownStage = await Send(HttpMethod.Get, $"/restapis/{apiId}/stages/nope/exports/oas30", null, null);
        Assert.Equal(HttpStatusCode.NotFound, unknownStage.Status);
        Assert.Contains("Invalid Stage identifier specified", unknownStage.Text);
        var xml = await Send(HttpMethod.Get, $"/restapis/{apiId}/stages/prod/exports/oas30", null, null, accept: "application/xml");
        Assert.Equal(HttpStatusCode.BadRequest, xml.Status);
    }

    [Theory]
    [InlineData("petstore-oas30.json", "/pets/7", "\"id\": \"7\"")]
    [InlineData("petstore-swagger2.yaml", "/pets/7", "\"id\": \"7\"")]
    [InlineData("orders-oas31.yaml", "/orders", "{\"orders\": []}")]
    [InlineData("lambda-authorizer-oas30.json", "/ping", "{\"pong\": true}")]
    public async Task Real_world_shaped_documents_import_and_serve_their_mock_routes(string file, string path, string expected)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "LocalGateway", "OpenApiDocuments", file));
        var imported = await Send(HttpMethod.Post, "/restapis?mode=import", text, null);
        Assert.True(imported.Status == HttpStatusCode.Created, imported.Text);
        var apiId = JsonNode.Parse(imported.Text)!["id"]!.GetValue<string>();
        (await _client.Post($"/restapis/{apiId}/deployments", new { stageName = "test" })).ShouldBe(HttpStatusCode.Created);

        var answer = await Http.GetAsync(new Uri(fixture.Server.EndpointUrl, $"/restapis/{apiId}/test/_user_request_{path}"));
        var body = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.StatusCode == HttpStatusCode.OK, body);
        Assert.Contains(expected, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_each_document_defines_becomes_the_APIs_resources_methods_and_settings()
    {
        var swagger = await ImportFile("petstore-swagger2.yaml", "&basepath=prepend");
        var resources = await _client.Get($"/restapis/{swagger}/resources?embed=methods");
        var paths = resources.Json.GetProperty("item").EnumerateArray().Select(r => r.GetProperty("path").GetString()).ToList();
        Assert.Contains("/v1/pets/{petId}", paths);
        var pets = resources.Json.GetProperty("item").EnumerateArray().Single(r => r.GetProperty("path").GetString() == "/v1/pets");
        var get = pets.GetProperty("resourceMethods").GetProperty("GET");
        Assert.True(get.GetProperty("apiKeyRequired").GetBoolean());
        Assert.False(get.GetProperty("requestParameters").GetProperty("method.request.querystring.type").GetBoolean());
        Assert.Equal("WHEN_NO_TEMPLATES", get.GetProperty("methodIntegration").GetProperty("passthroughBehavior").GetString());
        var validators = await _client.Get($"/restapis/{swagger}/requestvalidators");
        Assert.Equal(get.GetProperty("requestValidatorId").GetString(), validators.Json.GetProperty("item")[0].GetProperty("id").GetString());

        var plain = await ImportFile("plain-oas30.yaml", "");
        var plainResources = await _client.Get($"/restapis/{plain}/resources?embed=methods");
        var items = plainResources.Json.GetProperty("item").EnumerateArray().Single(r => r.GetProperty("path").GetString() == "/items");
        var list = items.GetProperty("resourceMethods").GetProperty("GET");
        Assert.True(list.GetProperty("requestParameters").GetProperty("method.request.header.X-Request-Id").GetBoolean());
        Assert.False(list.TryGetProperty("methodIntegration", out _));
        var sku = plainResources.Json.GetProperty("item").EnumerateArray().Single(r => r.GetProperty("path").GetString() == "/items/{sku}");
        Assert.True(sku.GetProperty("resourceMethods").GetProperty("DELETE").GetProperty("requestParameters").GetProperty("method.request.path.sku").GetBoolean());

        var tasks = await ImportFile("lambda-authorizer-oas30.json", "");
        var authorizers = await _client.Get($"/restapis/{tasks}/authorizers");
        Assert.Equal("tasks-token", authorizers.Json.GetProperty("item")[0].GetProperty("name").GetString());
        Assert.Equal(60, authorizers.Json.GetProperty("item")[0].GetProperty("authorizerResultTtlInSeconds").GetInt32());
        var api = await _client.Get($"/restapis/{tasks}");
        Assert.Contains("execute-api:Invoke", api.Str("policy"), StringComparison.Ordinal);

        var orders = await _client.Get($"/restapis/{await ImportFile("orders-oas31.yaml", "")}");
        Assert.Equal(1024, orders.Json.GetProperty("minimumCompressionSize").GetInt32());
    }

    [Fact]
    public async Task A_deployed_resource_policy_is_exported_as_the_policy_document_it_is()
    {
        var apiId = await ImportFile("lambda-authorizer-oas30.json", "");
        (await _client.Post($"/restapis/{apiId}/deployments", new { stageName = "prod" })).ShouldBe(HttpStatusCode.Created);

        var exported = JsonNode.Parse(await Export(apiId, "prod", "oas30", "application/json", "apigateway"))!;

        var statement = exported["x-amazon-apigateway-policy"]!["Statement"]!.AsArray()[0]!;
        Assert.Equal("execute-api:Invoke", statement["Action"]!.GetValue<string>());
        Assert.Equal($"arn:aws:execute-api:{LocalGatewayServer.Region}:{LocalGatewayServer.AccountId}:{apiId}/*", statement["Resource"]!.GetValue<string>());
    }

    [Fact]
    public async Task Warnings_are_answered_and_refuse_the_import_when_asked_to()
    {
        var text = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "LocalGateway", "OpenApiDocuments", "plain-oas30.yaml"));
        var before = (await _client.Get("/restapis?limit=500")).Json.GetProperty("item").GetArrayLength();
        var warned = await Send(HttpMethod.Post, "/restapis?mode=import", text, null);
        Assert.Equal(HttpStatusCode.Created, warned.Status);
        Assert.Contains(JsonNode.Parse(warned.Text)!["warnings"]!.AsArray(), warning => warning!.GetValue<string>().Contains("'default'", StringComparison.Ordinal));

        var refused = await Send(HttpMethod.Post, "/restapis?mode=import&failonwarnings=true", text, null);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.StartsWith("Warnings found during import:", JsonNode.Parse(refused.Text)!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before + 1, (await _client.Get("/restapis?limit=500")).Json.GetProperty("item").GetArrayLength());
    }

    [Theory]
    [InlineData("{\"openapi\": \"3.0.1\", \"info\": ", "LineNumber")]
    [InlineData("openapi: 3.0.1\ninfo: [title\n", "YAML document at line")]
    [InlineData("{\"openapi\":\"3.0.1\",\"info\":{\"title\":\"x\",\"version\":\"1\"},\"paths\":{\"/a\":{\"get\":{\"responses\":{\"200\":{\"description\":\"x\",\"content\":{\"application/json\":{\"schema\":{\"$ref\":\"#/components/schemas/Nope\"}}}}}}}}}", "#/components/schemas/Nope")]
    [InlineData("{\"openapi\":\"3.0.1\",\"info\":{\"title\":\"x\",\"version\":\"1\"},\"paths\":{\"/a\":{\"get\":{\"x-amazon-apigateway-integration\":{\"type\":\"carrier_pigeon\"}}}}}", "#/paths/~1a/get/x-amazon-apigateway-integration")]
    [InlineData("{\"openapi\":\"3.0.1\",\"info\":{\"title\":\"x\",\"version\":\"1\"},\"paths\":{\"/a/{b+}/c\":{}}}", "greedy")]
    [InlineData("null", "")]
    [InlineData("[1, 2]", "")]
    [InlineData("{}", "")]
    [InlineData("openapi: 9.9.9\ninfo: {title: x, version: '1'}\npaths: {}\n", "9.9.9")]
    [InlineData("openapi: 3.0.1\npaths:\n  /a: ~\n", "title")]
    [InlineData("swagger: '2.0'\ninfo: {title: x, version: '1'}\npaths:\n  /a:\n    get:\n      responses: {'200': {description: ok}}\n      x-amazon-apigateway-integration: [1]\n", "")]
    [InlineData("{\"openapi\":\"3.0.1\",\"info\":{\"title\":\"x\",\"version\":\"1\"},\"paths\":{\"/a\":{\"get\":{\"x-amazon-apigateway-integration\":{\"type\":\"mock\",\"responses\":{\"default\":{}}}}}}}", "statusCode")]
    public async Task Malformed_documents_are_refused_naming_the_problem_and_its_place(string document, string named)
    {
        var refused = await Send(HttpMethod.Post, "/restapis?mode=import", document, null);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        var message = JsonNode.Parse(refused.Text)!["message"]!.GetValue<string>();
        Assert.StartsWith("Errors found during import:", message, StringComparison.Ordinal);
        Assert.True(message.Contains(named, StringComparison.Ordinal), message);
    }

    [Theory]
    [InlineData("{\"name\":\"x\",\"version\":3}")]
    [InlineData("{\"openapi\":3}")]
    [InlineData("{\"openapi\":null}")]
    [InlineData("{\"openapi\":{}}")]
    [InlineData("{\"swagger\":true,\"info\":[]}")]
    [InlineData("{\"patchOperations\":[{\"op\":\"replace\"}]}")]
    [InlineData("\"openapi\"")]
    [InlineData("3")]
    [InlineData("{\"swagger\":\"1.2\"}")]
    [InlineData("{\"openapi\":\"4.0.0\"}")]
    [InlineData("{\"openapi\":\"\"}")]
    [InlineData("openapi: 2.0")]
    [InlineData("swagger: 3.0")]
    [InlineData("openapi: [3]")]
    [InlineData("{\"name\":\"\\u0000\",\"openapi\":\"3.1\"}")]
    [InlineData("{\"description\":{\"a\":[1,{}]},\"x\":1e400}")]
    [InlineData("{\"name\":\"x\",\"name\":\"y\"}")]
    [InlineData("{}")]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("plain text: [")]
    [InlineData("\u0001\u00ff{")]
    public async Task A_body_that_is_no_document_is_AWSs_400_to_import_and_to_put(string body)
    {
        var apiId = JsonNode.Parse((await Send(HttpMethod.Post, "/restapis", "{\"name\":\"put-target\"}", "application/json")).Text)!["id"]!.GetValue<string>();
        foreach (var (method, path) in new[] { (HttpMethod.Post, "/restapis?mode=import"), (HttpMethod.Put, $"/restapis/{apiId}?mode=overwrite"), (HttpMethod.Put, $"/restapis/{apiId}") })
        {
            var refused = await Send(method, path, body, "application/json");
            Assert.True(refused.Status == HttpStatusCode.BadRequest, $"{method} {path}: {(int)refused.Status} {refused.Text}");
            Assert.False(string.IsNullOrEmpty(JsonNode.Parse(refused.Text)!["message"]?.GetValue<string>()), refused.Text);
        }
    }

    [Fact]
    public async Task PutRestApi_merges_or_overwrites_and_keeps_the_APIs_id()
    {
        var apiId = await ImportFile("lambda-authorizer-oas30.json", "");
        var petstore = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "LocalGateway", "OpenApiDocuments", "petstore-oas30.json"));

        var merged = await Send(HttpMethod.Put, $"/restapis/{apiId}?mode=merge", petstore, null);
        Assert.True(merged.Status == HttpStatusCode.OK, merged.Text);
        Assert.Equal(apiId, JsonNode.Parse(merged.Text)!["id"]!.GetValue<string>());
        var paths = await Paths(apiId);
        Assert.Contains("/ping", paths);
        Assert.Contains("/pets/{petId}", paths);

        var overwritten = await Send(HttpMethod.Put, $"/restapis/{apiId}?mode=overwrite", petstore, null);
        Assert.Equal(HttpStatusCode.OK, overwritten.Status);
        Assert.Equal("PetStore", JsonNode.Parse(overwritten.Text)!["name"]!.GetValue<string>());
        paths = await Paths(apiId);
        Assert.DoesNotContain("/ping", paths);
        Assert.Contains("/pets/{petId}", paths);
        Assert.Equal(0, (await _client.Get($"/restapis/{apiId}/authorizers")).Json.GetProperty("item").GetArrayLength());

        var badMode = await Send(HttpMethod.Put, $"/restapis/{apiId}?mode=replace", petstore, null);
        Assert.Equal(HttpStatusCode.BadRequest, badMode.Status);
        var unknown = await Send(HttpMethod.Put, "/restapis/nosuchapi?mode=merge", petstore, null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
    }

    /// <summary>An API with what an export carries: nested paths, parameters, models, responses, a validator, an authorizer, an API key, a binary type.</summary>
    private async Task<string> BuildPetStore()
    {
        var (apiId, rootId) = await _client.CreateApi("PetStore");
        (await _client.Patch($"/restapis/{apiId}", new { op = "add", path = "/binaryMediaTypes/image~1png" })).ShouldBe(HttpStatusCode.OK);
        var validator = (await _client.Post($"/restapis/{apiId}/requestvalidators", new { name = "body-only", validateRequestBody = true })).Str("id");
        var authorizer = (await _client.Post($"/restapis/{apiId}/authorizers", new
        {
            name = "petauth",
            type = "TOKEN",
            authorizerUri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:auth/invocations",
            identitySource = "method.request.header.Authorization",
        })).Str("id");
        (await _client.Post($"/restapis/{apiId}/models", new
        {
            name = "Pet",
            contentType = "application/json",
            schema = """{"$schema": "http://json-schema.org/draft-04/schema#", "type": "object", "required": ["name"], "properties": {"name": {"type": "string", "maxLength": 40}, "price": {"type": "number", "minimum": 0}}}""",
        })).ShouldBe(HttpStatusCode.Created);
        (await _client.Post($"/restapis/{apiId}/models", new
        {
            name = "Pets",
            contentType = "application/json",
            schema = "{\"type\": \"array\", \"items\": {\"$ref\": \"https://apigateway.amazonaws.com/restapis/" + apiId + "/models/Pet\"}}",
        })).ShouldBe(HttpStatusCode.Created);
        (await _client.Put($"/restapis/{apiId}/gatewayresponses/DEFAULT_4XX", new
        {
            statusCode = "400",
            responseParameters = new Dictionary<string, string> { ["gatewayresponse.header.Access-Control-Allow-Origin"] = "'*'" },
            responseTemplates = new Dictionary<string, string> { ["application/json"] = "{\"error\": $context.error.messageString}" },
        })).ShouldBe(HttpStatusCode.Created);
        (await _client.Post($"/restapis/{apiId}/documentation/parts", new { location = new { type = "API" }, properties = "{\"description\": \"The pet store\"}" }))
            .ShouldBe(HttpStatusCode.Created);
        (await _client.Post($"/restapis/{apiId}/documentation/parts", new { location = new { type = "METHOD", path = "/pets", method = "GET" }, properties = "{\"summary\": \"List pets\"}" }))
            .ShouldBe(HttpStatusCode.Created);
        var pets = await _client.CreateResource(apiId, rootId, "pets");
        var pet = await _client.CreateResource(apiId, pets, "{petId}");
        var methods = $"/restapis/{apiId}/resources";

        (await _client.Put($"{methods}/{pets}/methods/GET", new
        {
            authorizationType = "CUSTOM",
            authorizerId = authorizer,
            apiKeyRequired = true,
            requestParameters = new Dictionary<string, bool> { ["method.request.querystring.type"] = false },
        })).ShouldBe(HttpStatusCode.Created);
        (await _client.Put($"{methods}/{pets}/methods/GET/integration", new
        {
            type = "HTTP",
            httpMethod = "GET",
            uri = "http://petstore.example.com/pets",
            requestParameters = new Dictionary<string, string> { ["integration.request.querystring.type"] = "method.request.querystring.type" },
            timeoutInMillis = 5000,
        })).ShouldBe(HttpStatusCode.Created);
        (await _client.Put($"{methods}/{pets}/methods/GET/responses/200", new
        {
            responseParameters = new Dictionary<string, bool> { ["method.response.header.Access-Control-Allow-Origin"] = false },
            responseModels = new Dictionary<string, string> { ["application/json"] = "Pets" },
        })).ShouldBe(HttpStatusCode.Created);
        (await _client.Put($"{methods}/{pets}/methods/GET/integration/responses/200", new
        {
            responseParameters = new Dictionary<string, string> { ["method.response.header.Access-Control-Allow-Origin"] = "'*'" },
        })).ShouldBe(HttpStatusCode.Created);

        (await _client.Put($"{methods}/{pets}/methods/POST", new
        {
            authorizationType = "AWS_IAM",
            requestValidatorId = validator,
            requestModels = new Dictionary<string, string> { ["application/json"] = "Pet" },
        })).ShouldBe(HttpStatusCode.Created);
        (await _client.Put($"{methods}/{pets}/methods/POST/integration", new { type = "MOCK", requestTemplates = new Dictionary<string, string> { ["application/json"] = "{\"statusCode\": 200}" } }))
            .ShouldBe(HttpStatusCode.Created);
        (await _client.Put($"{methods}/{pets}/methods/POST/responses/201", new { })).ShouldBe(HttpStatusCode.Created);

        (await _client.Put($"{methods}/{pet}/methods/GET", new
        {
            authorizationType = "NONE",
            requestParameters = new Dictionary<string, bool> { ["method.request.path.petId"] = true },
        })).ShouldBe(HttpStatusCode.Created);
        (await _client.Put($"{methods}/{pet}/methods/GET/integration", new { type = "MOCK", requestTemplates = new Dictionary<string, string> { ["application/json"] = "{\"statusCode\": 200}" } }))
            .ShouldBe(HttpStatusCode.Created);
        (await _client.Put($"{methods}/{pet}/methods/GET/responses/200", new { })).ShouldBe(HttpStatusCode.Created);
        (await _client.Put($"{methods}/{pet}/methods/GET/responses/404", new { responseModels = new Dictionary<string, string> { ["application/json"] = "Error" } }))
            .ShouldBe(HttpStatusCode.Created);
        (await _client.Put($"{methods}/{pet}/methods/GET/integration/responses/200", new
        {
            responseTemplates = new Dictionary<string, string> { ["application/json"] = "{\"id\": \"$input.params('petId')\"}" },
        })).ShouldBe(HttpStatusCode.Created);
        (await _client.Put($"{methods}/{pet}/methods/GET/integration/responses/404", new { selectionPattern = "4\\d{2}" })).ShouldBe(HttpStatusCode.Created);

        var proxy = await _client.CreateResource(apiId, pet, "{proxy+}");
        (await _client.Put($"{methods}/{proxy}/methods/ANY", new
        {
            authorizationType = "NONE",
            apiKeyRequired = true,
            requestParameters = new Dictionary<string, bool> { ["method.request.path.proxy"] = true, ["method.request.header.X-Trace"] = false },
        })).ShouldBe(HttpStatusCode.Created);
        (await _client.Put($"{methods}/{proxy}/methods/ANY/integration", new
        {
            type = "HTTP_PROXY",
            httpMethod = "ANY",
            uri = "http://petstore.example.com/{proxy}",
            requestParameters = new Dictionary<string, string> { ["integration.request.path.proxy"] = "method.request.path.proxy" },
        })).ShouldBe(HttpStatusCode.Created);

        (await _client.Post($"/restapis/{apiId}/deployments", new { stageName = "prod" })).ShouldBe(HttpStatusCode.Created);
        (await _client.Post($"/restapis/{apiId}/documentation/versions", new { documentationVersion = "1.0", stageName = "prod" })).ShouldBe(HttpStatusCode.Created);
        return apiId;
    }

    private async Task<string> ImportFile(string file, string query)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "LocalGateway", "OpenApiDocuments", file));
        var imported = await Send(HttpMethod.Post, "/restapis?mode=import" + query, text, null);
        Assert.True(imported.Status == HttpStatusCode.Created, imported.Text);
        return JsonNode.Parse(imported.Text)!["id"]!.GetValue<string>();
    }

    private async Task<List<string?>> Paths(string apiId) =>
        (await _client.Get($"/restapis/{apiId}/resources")).Json.GetProperty("item").EnumerateArray().Select(r => r.GetProperty("path").GetString()).ToList();

    private async Task<string> Export(string apiId, string stage, string exportType, string mediaType, string? extensions)
    {
        var query = extensions is null ? "" : $"?extensions={extensions}";
        var answer = await Send(HttpMethod.Get, $"/restapis/{apiId}/stages/{stage}/exports/{exportType}{query}", null, null, mediaType);
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Text);
        Assert.Equal(mediaType, answer.ContentType);
        return answer.Text;
    }

    private static ReadResult Parse(string text)
    {
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return OpenApiDocument.Load(stream, text.TrimStart().StartsWith('{') ? "json" : "yaml", settings);
    }

    private async Task<(HttpStatusCode Status, string Text, string? ContentType)> Send(HttpMethod method, string path, string? body, string? contentType, string? accept = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(fixture.Server.EndpointUrl, path));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, contentType ?? "application/octet-stream");
        }
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }
        await _signer.SignAsync(request);
        var response = await Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
    }
}
