using System.Net;
using ApiGatewayTools.LocalGateway;

namespace ApiGatewayTools.Tests.LocalGateway;

public sealed class DocumentationTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly GatewayClient _client = new(fixture.Server);

    [Fact]
    public async Task A_part_is_created_once_per_location_updated_and_deleted()
    {
        var (apiId, _) = await _client.CreateApi();
        var parts = $"/restapis/{apiId}/documentation/parts";

        var created = await _client.Post(parts, new { location = new { type = "METHOD", path = "/pets" }, properties = """{"summary":"List pets"}""" });
        created.ShouldBe(HttpStatusCode.Created);
        var id = created.Str("id");
        var location = created.Json.GetProperty("location");
        Assert.Equal("METHOD", location.GetProperty("type").GetString());
        Assert.Equal("/pets", location.GetProperty("path").GetString());
        Assert.Equal("*", location.GetProperty("method").GetString());
        Assert.False(location.TryGetProperty("statusCode", out _));
        Assert.Equal("""{"summary":"List pets"}""", created.Str("properties"));

        // The wildcard written out is the same location as the one left out.
        var duplicate = await _client.Post(parts, new { location = new { type = "METHOD", path = "/pets", method = "*" }, properties = "{}" });
        duplicate.ShouldBe(HttpStatusCode.Conflict, "ConflictException");
        Assert.Equal("Documentation part already exists for the specified location: type 'METHOD', path '/pets', method '*'.", duplicate.ErrorMessage);

        var updated = await _client.Patch($"{parts}/{id}", new { op = "replace", path = "/properties", value = """{"summary":"All pets"}""" });
        updated.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("""{"summary":"All pets"}""", updated.Str("properties"));
        (await _client.Patch($"{parts}/{id}", new { op = "replace", path = "/location/path", value = "/x" })).ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        (await _client.Patch($"{parts}/{id}", new { op = "replace", path = "/properties", value = "not json" })).ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Equal("""{"summary":"All pets"}""", (await _client.Get($"{parts}/{id}")).Str("properties"));

        (await _client.Delete($"{parts}/{id}")).ShouldBe(HttpStatusCode.Accepted);
        var gone = await _client.Get($"{parts}/{id}");
        gone.ShouldBe(HttpStatusCode.NotFound, "NotFoundException");
        Assert.Equal("Invalid Documentation part identifier specified", gone.ErrorMessage);
    }

    [Theory]
    [InlineData("""{"type":"API","path":"/"}""", "path is not a valid field for type API")]
    [InlineData("""{"type":"RESOURCE","method":"GET"}""", "method is not a valid field for type RESOURCE")]
    [InlineData("""{"type":"METHOD","statusCode":"200"}""", "statusCode is not a valid field for type METHOD")]
    [InlineData("""{"type":"QUERY_PARAMETER","path":"/pets","method":"GET"}""", "name is required for type QUERY_PARAMETER")]
    [InlineData("""{"type":"MODEL"}""", "name is required for type MODEL")]
    [InlineData("""{"type":"RESPONSE","path":"/pets","statusCode":"99"}""", "statusCode must be")]
    [InlineData("""{"type":"RESOURCE","path":"pets"}""", "path must start with '/'")]
    [InlineData("""{"type":"STAGE"}""", "Member must satisfy enum value set: [API, AUTHORIZER, MODEL, RESOURCE, METHOD, PATH_PARAMETER")]
    public async Task A_location_takes_only_the_fields_of_its_type(string location, string problem)
    {
        var (apiId, _) = await _client.CreateApi();
        var answer = await _client.Post($"/restapis/{apiId}/documentation/parts",
            new { location = System.Text.Json.JsonDocument.Parse(location).RootElement, properties = "{}" });
        answer.ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Contains(problem, answer.ErrorMessage);
    }

    [Fact]
    public async Task Parts_are_filtered_by_type_path_name_and_whether_they_say_anything()
    {
        var (apiId, _) = await _client.CreateApi();
        var parts = $"/restapis/{apiId}/documentation/parts";
        (await _client.Post(parts, new { location = new { type = "API" }, properties = """{"description":"Pets"}""" })).ShouldBe(HttpStatusCode.Created);
        (await _client.Post(parts, new { location = new { type = "RESOURCE", path = "/pets" }, properties = "{}" })).ShouldBe(HttpStatusCode.Created);
        (await _client.Post(parts, new { location = new { type = "QUERY_PARAMETER", path = "/pets", method = "GET", name = "limit" }, properties = """{"description":"How many"}""" }))
            .ShouldBe(HttpStatusCode.Created);

        async Task<string[]> Types(string query) =>
            [.. (await _client.Get($"{parts}?{query}")).Json.GetProperty("item").EnumerateArray().Select(item => item.GetProperty("location").GetProperty("type").GetString()!)];

        Assert.Equal(["RESOURCE"], await Types("type=RESOURCE"));
        Assert.Equal(["RESOURCE", "QUERY_PARAMETER"], await Types("path=/pets"));
        Assert.Equal(["QUERY_PARAMETER"], await Types("name=lim"));
        Assert.Equal(["API", "QUERY_PARAMETER"], await Types("locationStatus=DOCUMENTED"));
        Assert.Equal(["RESOURCE"], await Types("locationStatus=UNDOCUMENTED"));
        var page = await _client.Get($"{parts}?limit=2");
        Assert.Equal(2, page.Json.GetProperty("item").GetArrayLength());
        Assert.Equal(["QUERY_PARAMETER"], await Types($"limit=2&position={page.Str("position")}"));
        (await _client.Get($"{parts}?type=STAGE")).ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        (await _client.Get($"{parts}?locationStatus=MAYBE")).ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
    }

    [Fact]
    public async Task Import_merges_or_overwrites_and_reports_what_it_skipped()
    {
        var (apiId, _) = await _client.CreateApi();
        var parts = $"/restapis/{apiId}/documentation/parts";
        var kept = (await _client.Post(parts, new { location = new { type = "API" }, properties = """{"description":"old"}""" })).Str("id");
        var other = (await _client.Post(parts, new { location = new { type = "RESOURCE", path = "/gone" }, properties = "{}" })).Str("id");
        var document = new Dictionary<string, object>
        {
            ["swagger"] = "2.0",
            ["x-amazon-apigateway-documentation"] = new
            {
                version = "1",
                documentationParts = new object[]
                {
                    new { location = new { type = "API" }, properties = new { description = "new" } },
                    new { location = new { type = "METHOD", path = "/pets", method = "GET" }, properties = new { summary = "List" } },
                    new { location = new { type = "BOGUS" }, properties = new { } },
                },
            },
        };

        var strict = await _client.Put($"{parts}?mode=merge&failonwarnings=true", document);
        strict.ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Equal("""{"description":"old"}""", (await _client.Get($"{parts}/{kept}")).Str("properties"));

        var merged = await _client.Put($"{parts}?mode=merge", document);
        merged.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(2, merged.Json.GetProperty("ids").GetArrayLength());
        Assert.Equal(kept, merged.Json.GetProperty("ids")[0].GetString());
        Assert.Contains("BOGUS", merged.Json.GetProperty("warnings")[0].GetString());
        Assert.Equal("""{"description":"new"}""", (await _client.Get($"{parts}/{kept}")).Str("properties"));
        (await _client.Get($"{parts}/{other}")).ShouldBe(HttpStatusCode.OK);

        var overwritten = await _client.Put($"{parts}?mode=overwrite", document);
        overwritten.ShouldBe(HttpStatusCode.OK);
        (await _client.Get($"{parts}/{other}")).ShouldBe(HttpStatusCode.NotFound, "NotFoundException");
        Assert.Equal(2, (await _client.Get(parts)).Json.GetProperty("item").GetArrayLength());
    }

    [Fact]
    public async Task A_version_freezes_the_parts_and_can_be_published_on_a_stage()
    {
        var (apiId, rootId) = await _client.CreateApi();
        await _client.AddMockMethod(apiId, rootId);
        (await _client.Post($"/restapis/{apiId}/deployments", new { stageName = "prod" })).ShouldBe(HttpStatusCode.Created);
        (await _client.Post($"/restapis/{apiId}/documentation/parts", new { location = new { type = "API" }, properties = """{"description":"v1"}""" }))
            .ShouldBe(HttpStatusCode.Created);
        var versions = $"/restapis/{apiId}/documentation/versions";

        var created = await _client.Post(versions, new { documentationVersion = "1.0", description = "first", stageName = "prod" });
        created.ShouldBe(HttpStatusCode.Created);
        Assert.Equal("1.0", created.Str("version"));
        Assert.Equal("first", created.Str("description"));
        Assert.True(created.Json.GetProperty("createdDate").GetDouble() > 0);
        Assert.Equal("1.0", (await _client.Get($"/restapis/{apiId}/stages/prod")).Str("documentationVersion"));
        (await _client.Post(versions, new { documentationVersion = "1.0" })).ShouldBe(HttpStatusCode.Conflict, "ConflictException");
        (await _client.Post(versions, new { documentationVersion = "2.0", stageName = "nope" })).ShouldBe(HttpStatusCode.NotFound, "NotFoundException");
        (await _client.Get(versions + "/2.0")).ShouldBe(HttpStatusCode.NotFound, "NotFoundException");

        var updated = await _client.Patch($"{versions}/1.0", new { op = "replace", path = "/description", value = "renamed" });
        Assert.Equal("renamed", updated.Str("description"));
        Assert.Equal("1.0", (await _client.Get(versions)).Json.GetProperty("item")[0].GetProperty("version").GetString());

        (await _client.Delete($"{versions}/1.0")).ShouldBe(HttpStatusCode.Accepted);
        var gone = await _client.Get($"{versions}/1.0");
        gone.ShouldBe(HttpStatusCode.NotFound, "NotFoundException");
        Assert.Equal("Invalid Documentation version specified", gone.ErrorMessage);
    }

    [Fact]
    public async Task Parts_and_versions_survive_a_restart()
    {
        var folder = Directory.CreateTempSubdirectory("gw-docs-").FullName;
        try
        {
            var options = new LocalGatewayOptions { StatePath = Path.Combine(folder, "state.json") };
            string apiId;
            string before;
            await using (var first = LocalGatewayServer.Start(options))
            {
                var client = new GatewayClient(first);
                (apiId, _) = await client.CreateApi();
                (await client.Post($"/restapis/{apiId}/documentation/parts", new { location = new { type = "RESPONSE_HEADER", path = "/pets", statusCode = "200", name = "X-Next" }, properties = """{"description":"Next page"}""" }))
                    .ShouldBe(HttpStatusCode.Created);
                (await client.Post($"/restapis/{apiId}/documentation/versions", new { documentationVersion = "v1", description = "kept" })).ShouldBe(HttpStatusCode.Created);
                before = (await client.Get($"/restapis/{apiId}/documentation/parts")).Json.GetRawText()
                    + (await client.Get($"/restapis/{apiId}/documentation/versions")).Json.GetRawText();
            }
            await using var second = LocalGatewayServer.Start(options);
            var again = new GatewayClient(second);
            var after = (await again.Get($"/restapis/{apiId}/documentation/parts")).Json.GetRawText()
                + (await again.Get($"/restapis/{apiId}/documentation/versions")).Json.GetRawText();
            Assert.Equal(before, after);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
