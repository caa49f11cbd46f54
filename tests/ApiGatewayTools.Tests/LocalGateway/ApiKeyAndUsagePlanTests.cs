using System.Net;

namespace ApiGatewayTools.Tests.LocalGateway;

/// <summary>The control plane of API keys, usage plans, plan keys and GetUsage, as AWS's REST-JSON shapes them.</summary>
public sealed class ApiKeyAndUsagePlanTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly GatewayClient _client = new(fixture.Server);

    [Fact]
    public async Task A_key_is_created_with_a_generated_value_that_is_answered_only_when_asked_for()
    {
        var created = await _client.Post("/apikeys", new { name = "generated", enabled = true, customerId = "acme" });
        created.ShouldBe(HttpStatusCode.Created);
        var id = created.Str("id");
        Assert.Matches("^[a-z0-9]{10}$", id);
        Assert.Matches("^[A-Za-z0-9]{40}$", created.Str("value"));
        Assert.Equal("acme", created.Str("customerId"));

        Assert.False((await _client.Get($"/apikeys/{id}")).Json.TryGetProperty("value", out _));
        Assert.Equal(created.Str("value"), (await _client.Get($"/apikeys/{id}?includeValue=true")).Str("value"));
        var listed = (await _client.Get("/apikeys?name=generated&includeValues=true")).Json.GetProperty("item");
        Assert.Contains(listed.EnumerateArray(), key => key.GetProperty("id").GetString() == id && key.TryGetProperty("value", out _));
    }

    [Fact]
    public async Task A_key_refuses_a_short_or_taken_value_and_is_patched_all_or_nothing()
    {
        var shortValue = await _client.Post("/apikeys", new { name = "short", value = "too-short" });
        shortValue.ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Equal("API Key value should be at least 20 characters", shortValue.ErrorMessage);

        var id = (await _client.Post("/apikeys", new { name = "given", value = "a-value-of-twenty-chars-or-more" })).Str("id");
        (await _client.Post("/apikeys", new { name = "again", value = "a-value-of-twenty-chars-or-more" })).ShouldBe(HttpStatusCode.Conflict, "ConflictException");
        Assert.False((await _client.Get($"/apikeys/{id}")).Json.GetProperty("enabled").GetBoolean());

        var updated = await _client.Patch($"/apikeys/{id}",
            new { op = "replace", path = "/enabled", value = "true" },
            new { op = "replace", path = "/description", value = "now on" });
        updated.ShouldBe(HttpStatusCode.OK);
        Assert.True(updated.Json.GetProperty("enabled").GetBoolean());

        var refused = await _client.Patch($"/apikeys/{id}",
            new { op = "replace", path = "/name", value = "renamed" },
            new { op = "replace", path = "/value", value = "another-value-of-twenty-chars" });
        refused.ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Equal("given", (await _client.Get($"/apikeys/{id}")).Str("name"));

        (await _client.Delete($"/apikeys/{id}")).ShouldBe(HttpStatusCode.Accepted);
        var gone = await _client.Get($"/apikeys/{id}");
        gone.ShouldBe(HttpStatusCode.NotFound, "NotFoundException");
        Assert.Equal("Invalid API Key identifier specified", gone.ErrorMessage);
    }

    [Fact]
    public async Task A_plan_names_only_deployed_stages_and_checks_its_limits()
    {
        var (apiId, rootId) = await _client.CreateApi();
        var missing = await _client.Post("/usageplans", new { name = "nostage", apiStages = new[] { new { apiId, stage = "prod" } } });
        missing.ShouldBe(HttpStatusCode.NotFound, "NotFoundException");
        Assert.StartsWith($"Invalid API Stage {{api: {apiId}, stage: prod}} specified for usageplan ", missing.ErrorMessage);

        await _client.AddMockMethod(apiId, rootId);
        (await _client.Post($"/restapis/{apiId}/deployments", new { stageName = "prod" })).ShouldBe(HttpStatusCode.Created);
        (await _client.Post("/usageplans", new { name = "p", quota = new { limit = 5, period = "YEAR" } })).ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        (await _client.Post("/usageplans", new { name = "p", quota = new { limit = 5, period = "WEEK", offset = 7 } })).ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        (await _client.Post("/usageplans", new { name = "p", throttle = new { rateLimit = -1.0 } })).ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");

        var created = await _client.Post("/usageplans", new
        {
            name = "gold",
            throttle = new { rateLimit = 10.5, burstLimit = 20 },
            quota = new { limit = 1000, period = "MONTH", offset = 2 },
            apiStages = new[] { new { apiId, stage = "prod", throttle = new Dictionary<string, object> { ["//GET"] = new { rateLimit = 1.0, burstLimit = 2 } } } },
        });
        created.ShouldBe(HttpStatusCode.Created);
        var planId = created.Str("id");
        Assert.Equal(10.5, created.Json.GetProperty("throttle").GetProperty("rateLimit").GetDouble());
        Assert.Equal("MONTH", created.Json.GetProperty("quota").GetProperty("period").GetString());
        Assert.Equal(2, created.Json.GetProperty("apiStages")[0].GetProperty("throttle").GetProperty("//GET").GetProperty("burstLimit").GetInt32());

        var patched = await _client.Patch($"/usageplans/{planId}",
            new { op = "replace", path = "/quota/limit", value = "50" },
            new { op = "replace", path = $"/apiStages/{apiId}:prod/throttle/~1/GET/rateLimit", value = "3" });
        patched.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(50, patched.Json.GetProperty("quota").GetProperty("limit").GetInt32());
        Assert.Equal(3, patched.Json.GetProperty("apiStages")[0].GetProperty("throttle").GetProperty("//GET").GetProperty("rateLimit").GetDouble());

        var refused = await _client.Patch($"/usageplans/{planId}",
            new { op = "replace", path = "/name", value = "silver" },
            new { op = "replace", path = "/quota/period", value = "DAY" });
        refused.ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Equal("gold", (await _client.Get($"/usageplans/{planId}")).Str("name"));

        (await _client.Delete($"/usageplans/{planId}")).ShouldBe(HttpStatusCode.Accepted);
        var gone = await _client.Get($"/usageplans/{planId}");
        gone.ShouldBe(HttpStatusCode.NotFound, "NotFoundException");
        Assert.Equal("Invalid Usage Plan ID specified", gone.ErrorMessage);
    }

    [Fact]
    public async Task Keys_join_and_leave_plans_and_usage_reads_by_day()
    {
        var planId = (await _client.Post("/usageplans", new { name = "keys", quota = new { limit = 10, period = "DAY" } })).Str("id");
        var key = await _client.Post("/apikeys", new { name = "member", enabled = true });
        var keyId = key.Str("id");

        var added = await _client.Post($"/usageplans/{planId}/keys", new { keyId, keyType = "API_KEY" });
        added.ShouldBe(HttpStatusCode.Created);
        Assert.Equal("API_KEY", added.Str("type"));
        Assert.Equal(key.Str("value"), added.Str("value"));
        (await _client.Post($"/usageplans/{planId}/keys", new { keyId, keyType = "API_KEY" })).ShouldBe(HttpStatusCode.Conflict, "ConflictException");
        Assert.Equal(keyId, (await _client.Get($"/usageplans/{planId}/keys")).Json.GetProperty("item")[0].GetProperty("id").GetString());
        Assert.Equal(planId, (await _client.Get($"/usageplans?keyId={keyId}")).Json.GetProperty("item")[0].GetProperty("id").GetString());

        var usage = await _client.Get($"/usageplans/{planId}/usage?startDate=2026-01-01&endDate=2026-01-03");
        usage.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("2026-01-01", usage.Str("startDate"));
        var days = usage.Json.GetProperty("values").GetProperty(keyId);
        Assert.Equal(3, days.GetArrayLength());
        Assert.Equal(0, days[0][0].GetInt64());
        Assert.Equal(10, days[0][1].GetInt64());
        (await _client.Get($"/usageplans/{planId}/usage?startDate=yesterday&endDate=2026-01-03")).ShouldBe(HttpStatusCode.BadRequest, "BadRequestException");

        (await _client.Delete($"/usageplans/{planId}/keys/{keyId}")).ShouldBe(HttpStatusCode.Accepted);
        (await _client.Get($"/usageplans/{planId}/keys/{keyId}")).ShouldBe(HttpStatusCode.NotFound, "NotFoundException");
    }
}
