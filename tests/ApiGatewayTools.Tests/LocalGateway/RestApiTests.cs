using System.Net;
using System.Text.Json;

namespace ApiGatewayTools.Tests.LocalGateway;

public sealed class RestApiTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly GatewayClient _client = new(fixture.Server);

    [Fact]
    public async Task Create_answers_201_with_aws_defaults_and_a_root_resource()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var answer = await _client.Post("/restapis", new { name = "MyDemoAPI", description = "This is a demo API", tags = new { team = "core" } });

        answer.ShouldBe(HttpStatusCode.Created);
        var api = answer.Json;
        Assert.Matches("^[a-z0-9]{10}$", api.GetProperty("id").GetString());
        Assert.Equal("MyDemoAPI", api.GetProperty("name").GetString());
        Assert.Equal("This is a demo API", api.GetProperty("description").GetString());
        Assert.Equal("HEADER", api.GetProperty("apiKeySource").GetString());
        Assert.Equal(["EDGE"], api.GetProperty("endpointConfiguration").GetProperty("types").EnumerateArray().Select(t => t.GetString()));
        Assert.False(api.GetProperty("disableExecuteApiEndpoint").GetBoolean());
        Assert.Equal("core", api.GetProperty("tags").GetProperty("team").GetString());
        Assert.Equal(JsonValueKind.Number, api.GetProperty("createdDate").ValueKind);
        Assert.InRange(api.GetProperty("createdDate").GetInt64(), before - 1, before + 60);

        var resources = await _client.Get($"/restapis/{api.GetProperty("id").GetString()}/resources");
        var root = Assert.Single(resources.Json.GetProperty("item").EnumerateArray());
        Assert.Equal(api.GetProperty("rootResourceId").GetString(), root.GetProperty("id").GetString());
        Assert.Equal("/", root.GetProperty("path").GetString());
        Assert.Matches("^[a-z0-9]{10}$", root.GetProperty("id").GetString());
        Assert.False(root.TryGetProperty("parentId", out _));
    }

    [Fact]
    public async Task Create_honours_regional_endpoint_and_rejects_unknown_types()
    {
        var regional = await _client.Post("/restapis", new { name = "r", endpointConfiguration = new { types = new[] { "REGIONAL" } } });
        regional.ShouldBe(HttpStatusCode.Created);
        Assert.Equal("REGIONAL", regional.Json.GetProperty("endpointConfiguration").GetProperty("types")[0].GetString());

        (await _client.Post("/restapis", new { name = "x", endpointConfiguration = new { types = new[] { "GLOBAL" } } }))
            .ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        (await _client.Post("/restapis", new { description = "no name" })).ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
    }

    [Fact]
    public async Task List_pages_through_every_api_with_limit_and_position()
    {
        using var isolated = new IsolatedGateway();
        var client = isolated.Client;
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await client.CreateApi($"api{i}")).ApiId);
        }

        var seen = new List<string>();
        var pages = 0;
        string? position = null;
        do
        {
            var answer = await client.Get("/restapis?limit=2" + (position is null ? "" : $"&position={Uri.EscapeDataString(position)}"));
            answer.ShouldBe(HttpStatusCode.OK);
            var items = answer.Json.GetProperty("item").EnumerateArray().ToList();
            Assert.InRange(items.Count, 1, 2);
            seen.AddRange(items.Select(item => item.GetProperty("id").GetString()!));
            position = answer.Json.TryGetProperty("position", out var next) ? next.GetString() : null;
            pages++;
        }
        while (position is not null);

        Assert.Equal(3, pages);
        Assert.Equal(created, seen);
        (await client.Get("/restapis?limit=0")).ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
    }

    [Fact]
    public async Task Get_unknown_api_is_not_found_with_the_account_in_the_message()
    {
        var answer = await _client.Get("/restapis/abcdefghij");

        answer.ShouldBe(HttpStatusCode.NotFound, "NotFoundException");
        Assert.Equal("Invalid API identifier specified 000000000000:abcdefghij", answer.ErrorMessage);
    }

    [Fact]
    public async Task Update_patches_name_and_description_then_delete_removes_it()
    {
        var (apiId, _) = await _client.CreateApi("before");

        var updated = await _client.Patch($"/restapis/{apiId}",
            new { op = "replace", path = "/name", value = "after" },
            new { op = "replace", path = "/description", value = "now described" },
            new { op = "add", path = "/binaryMediaTypes/image~1png" });

        updated.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("after", updated.Str("name"));
        Assert.Equal("now described", updated.Str("description"));
        Assert.Equal("image/png", updated.Json.GetProperty("binaryMediaTypes")[0].GetString());
        Assert.Equal("after", (await _client.Get($"/restapis/{apiId}")).Str("name"));

        (await _client.Patch($"/restapis/{apiId}",
                new { op = "replace", path = "/name", value = "half-applied" },
                new { op = "replace", path = "/nonsense", value = "x" }))
            .ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Equal("after", (await _client.Get($"/restapis/{apiId}")).Str("name"));

        (await _client.Delete($"/restapis/{apiId}")).ShouldBe(HttpStatusCode.Accepted);
        (await _client.Get($"/restapis/{apiId}")).ShouldBe(HttpStatusCode.NotFound, "NotFoundException");
        (await _client.Delete($"/restapis/{apiId}")).ShouldBe(HttpStatusCode.NotFound, "NotFoundException");
    }

    [Fact]
    public async Task Update_serves_the_settings_a_stage_practice_needs()
    {
        var (apiId, _) = await _client.CreateApi();

        var updated = await _client.Patch($"/restapis/{apiId}",
            new { op = "add", path = "/binaryMediaTypes/image~1png" },
            new { op = "add", path = "/binaryMediaTypes/application~1octet-stream" },
            new { op = "remove", path = "/binaryMediaTypes/image~1png" },
            new { op = "replace", path = "/minimumCompressionSize", value = "10485760" },
            new { op = "replace", path = "/apiKeySource", value = "AUTHORIZER" },
            new { op = "replace", path = "/disableExecuteApiEndpoint", value = "true" });

        updated.ShouldBe(HttpStatusCode.OK);
        var read = (await _client.Get($"/restapis/{apiId}")).Json;
        Assert.Equal(["application/octet-stream"], read.GetProperty("binaryMediaTypes").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(10485760, read.GetProperty("minimumCompressionSize").GetInt32());
        Assert.Equal("AUTHORIZER", read.GetProperty("apiKeySource").GetString());
        Assert.True(read.GetProperty("disableExecuteApiEndpoint").GetBoolean());

        var cleared = await _client.Patch($"/restapis/{apiId}", new { op = "remove", path = "/minimumCompressionSize" });
        Assert.False(cleared.Json.TryGetProperty("minimumCompressionSize", out _));
        var zero = await _client.Patch($"/restapis/{apiId}", new { op = "replace", path = "/minimumCompressionSize", value = "0" });
        Assert.Equal(0, zero.Json.GetProperty("minimumCompressionSize").GetInt32());
        var emptied = await _client.Patch($"/restapis/{apiId}", new { op = "replace", path = "/minimumCompressionSize", value = "" });
        Assert.False(emptied.Json.TryGetProperty("minimumCompressionSize", out _));
    }

    [Theory]
    [InlineData("/minimumCompressionSize", "10485761")]
    [InlineData("/minimumCompressionSize", "-1")]
    [InlineData("/minimumCompressionSize", "big")]
    [InlineData("/apiKeySource", "QUERY")]
    [InlineData("/disableExecuteApiEndpoint", "maybe")]
    [InlineData("/name", "")]
    public async Task Update_refuses_settings_out_of_range(string path, string value)
    {
        var (apiId, _) = await _client.CreateApi();

        var refused = await _client.Patch($"/restapis/{apiId}", new { op = "replace", path, value });

        refused.ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        var read = (await _client.Get($"/restapis/{apiId}")).Json;
        Assert.Equal("HEADER", read.GetProperty("apiKeySource").GetString());
        Assert.False(read.TryGetProperty("minimumCompressionSize", out _));
    }
}

/// <summary>A gateway of its own, for tests that count everything in it.</summary>
internal sealed class IsolatedGateway : IDisposable
{
    public IsolatedGateway()
    {
        Server = ApiGatewayTools.LocalGateway.LocalGatewayServer.Start(new());
        Client = new GatewayClient(Server);
    }

    public ApiGatewayTools.LocalGateway.LocalGatewayServer Server { get; }
    public GatewayClient Client { get; }

    public void Dispose() => Server.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
