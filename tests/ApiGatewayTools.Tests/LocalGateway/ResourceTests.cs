using System.Net;

namespace ApiGatewayTools.Tests.LocalGateway;

public sealed class ResourceTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly GatewayClient _client = new(fixture.Server);

    [Fact]
    public async Task Resources_form_a_tree_with_full_paths()
    {
        var (apiId, rootId) = await _client.CreateApi();
        var pets = await _client.CreateResource(apiId, rootId, "pets");
        var pet = await _client.CreateResource(apiId, pets, "{petId}");

        var answer = await _client.Get($"/restapis/{apiId}/resources/{pet}");

        answer.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("/pets/{petId}", answer.Str("path"));
        Assert.Equal("{petId}", answer.Str("pathPart"));
        Assert.Equal(pets, answer.Str("parentId"));
        Assert.Matches("^[a-z0-9]{6}$", pet);
        var paths = (await _client.Get($"/restapis/{apiId}/resources")).Json.GetProperty("item").EnumerateArray()
            .Select(r => r.GetProperty("path").GetString()).ToList();
        Assert.Equal(["/", "/pets", "/pets/{petId}"], paths);
    }

    [Fact]
    public async Task Duplicate_path_part_under_one_parent_is_a_conflict()
    {
        var (apiId, rootId) = await _client.CreateApi();
        await _client.CreateResource(apiId, rootId, "orders");

        var answer = await _client.Post($"/restapis/{apiId}/resources/{rootId}", new { pathPart = "orders" });

        answer.ShouldBe(HttpStatusCode.Conflict, "ConflictException");
        Assert.Equal("Another resource with the same parent already has this name: orders", answer.ErrorMessage);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("bad part")]
    [InlineData("{unclosed")]
    [InlineData("x{id}")]
    [InlineData("{}")]
    public async Task Invalid_path_parts_are_bad_requests(string pathPart)
    {
        var (apiId, rootId) = await _client.CreateApi();

        (await _client.Post($"/restapis/{apiId}/resources/{rootId}", new { pathPart })).ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
    }

    [Theory]
    [InlineData("v1.0")]
    [InlineData("a-b_c~d:e@f!$&'()*+,;=")]
    [InlineData("{id}")]
    [InlineData("{proxy+}")]
    public async Task Valid_path_parts_are_accepted(string pathPart)
    {
        var (apiId, rootId) = await _client.CreateApi();

        (await _client.Post($"/restapis/{apiId}/resources/{rootId}", new { pathPart })).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Greedy_resource_cannot_have_children_and_variables_cannot_be_siblings()
    {
        var (apiId, rootId) = await _client.CreateApi();
        var proxy = await _client.CreateResource(apiId, rootId, "{proxy+}");

        (await _client.Post($"/restapis/{apiId}/resources/{proxy}", new { pathPart = "child" })).ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        var sibling = await _client.Post($"/restapis/{apiId}/resources/{rootId}", new { pathPart = "{id}" });
        sibling.ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Contains("{proxy+}", sibling.ErrorMessage);
    }

    [Fact]
    public async Task Unknown_parent_or_api_is_not_found()
    {
        var (apiId, _) = await _client.CreateApi();

        var missingParent = await _client.Post($"/restapis/{apiId}/resources/abcdefghij", new { pathPart = "x" });
        missingParent.ShouldBe(HttpStatusCode.NotFound, "NotFoundException");
        Assert.Equal("Invalid Resource identifier specified", missingParent.ErrorMessage);
        (await _client.Get("/restapis/nosuchapi1/resources")).ShouldBe(HttpStatusCode.NotFound, "NotFoundException");
    }

    [Fact]
    public async Task Delete_removes_the_whole_subtree_but_not_the_root()
    {
        var (apiId, rootId) = await _client.CreateApi();
        var a = await _client.CreateResource(apiId, rootId, "a");
        var b = await _client.CreateResource(apiId, a, "b");
        var c = await _client.CreateResource(apiId, b, "c");
        var keep = await _client.CreateResource(apiId, rootId, "keep");

        (await _client.Delete($"/restapis/{apiId}/resources/{a}")).ShouldBe(HttpStatusCode.Accepted);

        foreach (var gone in new[] { a, b, c })
        {
            (await _client.Get($"/restapis/{apiId}/resources/{gone}")).ShouldBe(HttpStatusCode.NotFound, "NotFoundException");
        }
        (await _client.Get($"/restapis/{apiId}/resources/{keep}")).ShouldBe(HttpStatusCode.OK);
        (await _client.Delete($"/restapis/{apiId}/resources/{rootId}")).ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
    }

    [Fact]
    public async Task Update_renames_and_moves_a_resource()
    {
        var (apiId, rootId) = await _client.CreateApi();
        var a = await _client.CreateResource(apiId, rootId, "a");
        var b = await _client.CreateResource(apiId, rootId, "b");
        var child = await _client.CreateResource(apiId, a, "child");

        var renamed = await _client.Patch($"/restapis/{apiId}/resources/{child}", new { op = "replace", path = "/pathPart", value = "kid" });
        renamed.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("/a/kid", renamed.Str("path"));

        var moved = await _client.Patch($"/restapis/{apiId}/resources/{child}", new { op = "replace", path = "/parentId", value = b });
        moved.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("/b/kid", moved.Str("path"));

        (await _client.Patch($"/restapis/{apiId}/resources/{a}", new { op = "replace", path = "/pathPart", value = "b" }))
            .ShouldBe(HttpStatusCode.Conflict, "ConflictException");
        (await _client.Patch($"/restapis/{apiId}/resources/{b}", new { op = "replace", path = "/parentId", value = child }))
            .ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
    }

    [Fact]
    public async Task Resource_methods_are_listed_and_embedded_on_request()
    {
        var (apiId, rootId) = await _client.CreateApi();
        var items = await _client.CreateResource(apiId, rootId, "items");
        await _client.AddMockMethod(apiId, items, "GET");

        var plain = (await _client.Get($"/restapis/{apiId}/resources/{items}")).Json.GetProperty("resourceMethods");
        Assert.Equal(["GET"], plain.EnumerateObject().Select(p => p.Name));
        Assert.Empty(plain.GetProperty("GET").EnumerateObject());

        var embedded = (await _client.Get($"/restapis/{apiId}/resources?embed=methods")).Json.GetProperty("item").EnumerateArray()
            .Single(r => r.GetProperty("id").GetString() == items).GetProperty("resourceMethods").GetProperty("GET");
        Assert.Equal("GET", embedded.GetProperty("httpMethod").GetString());
        Assert.Equal("MOCK", embedded.GetProperty("methodIntegration").GetProperty("type").GetString());
    }

    /// <summary>The engine reads methods from GetResources?embed=methods instead of one GetMethod each: both must say the same.</summary>
    [Fact]
    public async Task An_embedded_method_is_the_whole_method_GetMethod_returns()
    {
        var (apiId, rootId) = await _client.CreateApi();
        var items = await _client.CreateResource(apiId, rootId, "items");
        var methodPath = $"/restapis/{apiId}/resources/{items}/methods/POST";
        (await _client.Put(methodPath, new
        {
            authorizationType = "AWS_IAM",
            apiKeyRequired = true,
            operationName = "AddItem",
            requestParameters = new Dictionary<string, bool> { ["method.request.header.x-trace"] = false },
        })).ShouldBe(HttpStatusCode.Created);
        (await _client.Put($"{methodPath}/responses/200", new { responseModels = new Dictionary<string, string> { ["application/json"] = "Empty" } }))
            .ShouldBe(HttpStatusCode.Created);
        (await _client.Put($"{methodPath}/integration", new { type = "MOCK", requestTemplates = new Dictionary<string, string> { ["application/json"] = """{"statusCode":200}""" } }))
            .ShouldBe(HttpStatusCode.Created);
        (await _client.Put($"{methodPath}/integration/responses/200", new { selectionPattern = "" })).ShouldBe(HttpStatusCode.Created);
        var method = (await _client.Get(methodPath)).Json.GetRawText();

        var fromList = (await _client.Get($"/restapis/{apiId}/resources?embed=methods")).Json.GetProperty("item").EnumerateArray()
            .Single(r => r.GetProperty("id").GetString() == items).GetProperty("resourceMethods").GetProperty("POST");
        var fromGet = (await _client.Get($"/restapis/{apiId}/resources/{items}?embed=methods")).Json
            .GetProperty("resourceMethods").GetProperty("POST");

        Assert.Equal(method, fromList.GetRawText());
        Assert.Equal(method, fromGet.GetRawText());
        Assert.True(fromList.GetProperty("apiKeyRequired").GetBoolean());
        Assert.Equal("200", fromList.GetProperty("methodIntegration").GetProperty("integrationResponses").GetProperty("200").GetProperty("statusCode").GetString());
    }

    [Fact]
    public async Task Parallel_creates_under_different_parents_all_succeed_with_distinct_ids()
    {
        var (apiId, rootId) = await _client.CreateApi();
        var parents = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            parents.Add(await _client.CreateResource(apiId, rootId, $"p{i}"));
        }

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            _client.Post($"/restapis/{apiId}/resources/{parents[i % parents.Count]}", new { pathPart = $"c{i}" })));

        Assert.All(answers, answer => answer.ShouldBe(HttpStatusCode.Created));
        Assert.Equal(50, answers.Select(answer => answer.Str("id")).Distinct().Count());
        var listed = (await _client.Get($"/restapis/{apiId}/resources?limit=500")).Json.GetProperty("item").GetArrayLength();
        Assert.Equal(1 + 5 + 50, listed);
    }
}
