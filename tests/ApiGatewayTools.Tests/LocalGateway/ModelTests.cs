using System.Net;

namespace ApiGatewayTools.Tests.LocalGateway;

public sealed class ModelTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string PetSchema = """{"type":"object","required":["name"],"properties":{"name":{"type":"string"},"age":{"type":"integer","minimum":0}}}""";

    private readonly GatewayClient _client = new(fixture.Server);

    [Fact]
    public async Task A_new_API_has_the_Empty_and_Error_models()
    {
        var (apiId, _) = await _client.CreateApi();

        var list = await _client.Get($"/restapis/{apiId}/models");

        list.ShouldBe(HttpStatusCode.OK);
        var items = list.Json.GetProperty("item");
        Assert.Equal(["Empty", "Error"], items.EnumerateArray().Select(item => item.GetProperty("name").GetString()));
        Assert.Equal("This is a default empty schema model", items[0].GetProperty("description").GetString());
        Assert.Contains("\"title\" : \"Error Schema\"", items[1].GetProperty("schema").GetString());
        Assert.Equal("application/json", items[1].GetProperty("contentType").GetString());
    }

    [Fact]
    public async Task Models_are_created_read_updated_listed_by_name_and_deleted()
    {
        var (apiId, _) = await _client.CreateApi();
        var path = $"/restapis/{apiId}/models";

        var created = await _client.Post(path, new { name = "Pet", schema = PetSchema, contentType = "application/json", description = "A pet" });
        created.ShouldBe(HttpStatusCode.Created);
        Assert.Equal("Pet", created.Str("name"));
        Assert.Equal(PetSchema, created.Str("schema"));
        Assert.Matches("^[a-z0-9]{6}$", created.Str("id"));

        var duplicate = await _client.Post(path, new { name = "Pet", schema = PetSchema, contentType = "application/json" });
        duplicate.ShouldBe(HttpStatusCode.Conflict, "ConflictException");
        Assert.Equal("Model name already exists for this REST API", duplicate.ErrorMessage);

        var names = (await _client.Get(path)).Json.GetProperty("item").EnumerateArray().Select(item => item.GetProperty("name").GetString());
        Assert.Equal(["Empty", "Error", "Pet"], names);
        var page = await _client.Get($"{path}?limit=2");
        Assert.Equal("2", page.Str("position"));

        var updated = await _client.Patch($"{path}/Pet",
            new { op = "replace", path = "/description", value = "" },
            new { op = "replace", path = "/schema", value = """{"type":"object","properties":{"name":{"type":"string"}}}""" });
        updated.ShouldBe(HttpStatusCode.OK);
        Assert.False(updated.Json.TryGetProperty("description", out _));
        Assert.DoesNotContain("age", updated.Str("schema"));

        var renamed = await _client.Patch($"{path}/Pet", new { op = "replace", path = "/name", value = "Dog" });
        renamed.ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Equal("Invalid patch path  '/name' specified for op 'replace'. Must be one of: [/description, /schema]", renamed.ErrorMessage);

        (await _client.Delete($"{path}/Pet")).ShouldBe(HttpStatusCode.Accepted);
        var gone = await _client.Get($"{path}/Pet");
        gone.ShouldBe(HttpStatusCode.NotFound, "NotFoundException");
        Assert.Equal("Invalid model name specified: Pet", gone.ErrorMessage);
    }

    [Theory]
    [InlineData("", PetSchema, "Model name must be non-empty")]
    [InlineData("My-Pet", PetSchema, "Model name must be alphanumeric: My-Pet")]
    [InlineData("Pet", "", "Model schema must have at least 1 property or array items defined")]
    public async Task Bad_names_and_empty_schemas_are_refused(string name, string schema, string message)
    {
        var (apiId, _) = await _client.CreateApi();

        var refused = await _client.Post($"/restapis/{apiId}/models", new { name, schema, contentType = "application/json" });

        refused.ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Equal(message, refused.ErrorMessage);
    }

    [Theory]
    [InlineData("""{"type":"object","properties":{"name":{"type":"strnig"}}}""")]
    [InlineData("""{"type":"object",""")]
    [InlineData("""{"type":"object","properties":{"owner":{"$ref":"https://apigateway.amazonaws.com/restapis/abc/models/Owner"}}}""")]
    public async Task Schemas_that_are_not_draft_4_or_name_unknown_models_are_refused(string schema)
    {
        var (apiId, _) = await _client.CreateApi();

        var refused = await _client.Post($"/restapis/{apiId}/models", new { name = "Pet", schema, contentType = "application/json" });

        refused.ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.StartsWith("Invalid model specified: Validation Result: warnings : [], errors : [", refused.ErrorMessage);
        (await _client.Get($"/restapis/{apiId}/models/Pet")).ShouldBe(HttpStatusCode.NotFound, "NotFoundException");
    }

    [Fact]
    public async Task A_schema_may_refer_to_another_model_of_its_API_and_flatten_resolves_it()
    {
        var (apiId, _) = await _client.CreateApi();
        var path = $"/restapis/{apiId}/models";
        await _client.Post(path, new { name = "Owner", schema = """{"type":"object","properties":{"email":{"type":"string"}}}""", contentType = "application/json" });
        var schema = """{"type":"object","properties":{"owner":{"$ref":"https://apigateway.amazonaws.com/restapis/""" + apiId + """/models/Owner"}}}""";

        (await _client.Post(path, new { name = "Pet", schema, contentType = "application/json" })).ShouldBe(HttpStatusCode.Created);

        var flat = await _client.Get($"{path}/Pet?flatten=true");
        Assert.DoesNotContain("apigateway.amazonaws.com", flat.Str("schema"));
        Assert.Contains("email", flat.Str("schema"));
        Assert.Equal(schema, (await _client.Get($"{path}/Pet")).Str("schema"));
        var template = await _client.Get($"{path}/Owner/default_template");
        template.ShouldBe(HttpStatusCode.OK);
        Assert.Contains("\"email\" : \"$inputRoot.email\"", template.Str("value"));
    }

    [Fact]
    public async Task A_model_a_method_uses_cannot_be_deleted_and_methods_name_only_existing_models()
    {
        var (apiId, rootId) = await _client.CreateApi();
        var resourceId = await _client.CreateResource(apiId, rootId, "pets");
        await _client.Post($"/restapis/{apiId}/models", new { name = "Pet", schema = PetSchema, contentType = "application/json" });
        var method = $"/restapis/{apiId}/resources/{resourceId}/methods/POST";

        var unknown = await _client.Put(method, new { authorizationType = "NONE", requestModels = new Dictionary<string, string> { ["application/json"] = "Cat" } });
        unknown.ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Equal("Invalid model identifier specified: Cat", unknown.ErrorMessage);

        (await _client.Put(method, new { authorizationType = "NONE", requestModels = new Dictionary<string, string> { ["application/json"] = "Pet" } }))
            .ShouldBe(HttpStatusCode.Created);
        var inUse = await _client.Delete($"/restapis/{apiId}/models/Pet");
        inUse.ShouldBe(HttpStatusCode.Conflict, "ConflictException");
        Assert.Equal("Cannot delete model 'Pet', is referenced in method request: /pets/POST", inUse.ErrorMessage);

        (await _client.Patch(method, new { op = "add", path = "/requestModels/text~1plain", value = "Cat" })).ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        (await _client.Patch(method, new { op = "remove", path = "/requestModels/application~1json" })).ShouldBe(HttpStatusCode.OK);
        (await _client.Delete($"/restapis/{apiId}/models/Pet")).ShouldBe(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Method_responses_name_only_existing_models_and_a_model_one_uses_cannot_be_deleted()
    {
        var (apiId, rootId) = await _client.CreateApi();
        var resourceId = await _client.CreateResource(apiId, rootId, "pets");
        await _client.Post($"/restapis/{apiId}/models", new { name = "Pet", schema = PetSchema, contentType = "application/json" });
        var method = $"/restapis/{apiId}/resources/{resourceId}/methods/POST";
        (await _client.Put(method, new { authorizationType = "NONE" })).ShouldBe(HttpStatusCode.Created);

        var unknown = await _client.Put($"{method}/responses/200", new { responseModels = new Dictionary<string, string> { ["application/json"] = "Cat" } });
        unknown.ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Equal("Invalid model identifier specified: Cat", unknown.ErrorMessage);
        (await _client.Get($"{method}/responses/200")).ShouldBe(HttpStatusCode.NotFound, "NotFoundException");

        (await _client.Put($"{method}/responses/200", new { responseModels = new Dictionary<string, string> { ["application/json"] = "Pet" } }))
            .ShouldBe(HttpStatusCode.Created);
        var patched = await _client.Patch($"{method}/responses/200", new { op = "add", path = "/responseModels/text~1plain", value = "Cat" });
        patched.ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Equal("Invalid model identifier specified: Cat", patched.ErrorMessage);
        Assert.False((await _client.Get($"{method}/responses/200")).Json.GetProperty("responseModels").TryGetProperty("text/plain", out _));

        var inUse = await _client.Delete($"/restapis/{apiId}/models/Pet");
        inUse.ShouldBe(HttpStatusCode.Conflict, "ConflictException");
        Assert.Equal("Cannot delete model 'Pet', is referenced in method response: /pets/POST", inUse.ErrorMessage);
        (await _client.Delete($"{method}/responses/200")).ShouldBe(HttpStatusCode.NoContent);
        (await _client.Delete($"/restapis/{apiId}/models/Pet")).ShouldBe(HttpStatusCode.Accepted);
    }
}
