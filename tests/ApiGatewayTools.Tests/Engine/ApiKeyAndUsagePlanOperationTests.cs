using ApiGatewayTools.Engine.Client;
using ApiGatewayTools.Engine.Errors;
using ApiGatewayTools.Engine.Models;

namespace ApiGatewayTools.Tests.Engine;

/// <summary>An API key's value is sent but never printed; usage plan settings are checked and patched as AWS names them.</summary>
public sealed class ApiKeyAndUsagePlanOperationTests
{
    [Theory]
    [InlineData("partner-value-0123456789")]
    [InlineData("with+plus&amp<tags>\"quotes\"-0123456789")]
    public void A_key_value_is_in_the_body_sent_and_printed_as_stars(string value)
    {
        var create = ApiGatewayOperations.CreateApiKey(new ApiKeySettings { Name = "partner", Value = value }.Validate(), includeValue: false);

        Assert.Contains(value, System.Text.Json.JsonDocument.Parse(create.Body!).RootElement.GetProperty("value").GetString(), StringComparison.Ordinal);
        Assert.Equal("""CreateApiKey POST /apikeys {"name":"partner","enabled":true,"value":"***"}""", create.ToString());
    }

    [Fact]
    public void A_short_value_is_refused_without_being_shown()
    {
        var error = Assert.Throws<GwValidationException>(() => new ApiKeySettings { Name = "k", Value = "secret-short" }.Validate());

        Assert.Equal(ApiKeySettings.InvalidValueErrorId, error.ErrorId);
        Assert.DoesNotContain("secret-short", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 5, "YEAR", null)]
    [InlineData(null, -1, "DAY", null)]
    [InlineData(null, 5, "WEEK", 7)]
    [InlineData(null, 5, "MONTH", 28)]
    [InlineData(null, 5, "DAY", 1)]
    [InlineData(null, 5, null, null)]
    [InlineData(-0.5, null, null, null)]
    public void Limits_AWS_does_not_have_are_refused(double? rate, int? quota, string? period, int? offset)
    {
        var settings = new UsagePlanSettings { Name = "p", ThrottleRateLimit = rate, QuotaLimit = quota, QuotaPeriod = period, QuotaOffset = offset };

        Assert.Throws<GwValidationException>(() => settings.Validate());
    }

    [Fact]
    public void A_plan_is_created_with_method_throttles_keyed_as_AWS_keys_them()
    {
        var settings = new UsagePlanSettings
        {
            Name = "gold",
            QuotaLimit = 10,
            QuotaPeriod = "week",
            QuotaOffset = 1,
            ApiStages = [new UsagePlanApiStage { RestApiId = "a1", StageName = "prod", Throttle = new Dictionary<string, ThrottleSettings> { ["get /pets/{id}"] = new(2, 4) } }],
        }.Validate();

        Assert.Equal(
            """CreateUsagePlan POST /usageplans {"name":"gold","apiStages":[{"apiId":"a1","stage":"prod","throttle":{"/pets/{id}/GET":{"rateLimit":2,"burstLimit":4}}}],"quota":{"limit":10,"period":"WEEK","offset":1}}""",
            ApiGatewayOperations.CreateUsagePlan(settings).ToString());
    }

    [Fact]
    public void Only_what_differs_is_patched_and_stages_not_asked_for_are_removed()
    {
        var current = new UsagePlan
        {
            UsagePlanId = "p1",
            Name = "gold",
            QuotaLimit = 10,
            QuotaPeriod = "DAY",
            QuotaOffset = 0,
            ApiStages =
            [
                new UsagePlanApiStage { RestApiId = "a1", StageName = "prod", Throttle = new Dictionary<string, ThrottleSettings> { ["GET /old"] = new(1, 1) } },
                new UsagePlanApiStage { RestApiId = "a2", StageName = "prod" },
            ],
        };
        var wanted = new UsagePlanSettings
        {
            QuotaLimit = 20,
            ApiStages = [new UsagePlanApiStage { RestApiId = "a1", StageName = "prod", Throttle = new Dictionary<string, ThrottleSettings> { ["GET /"] = new(3, null) } }],
        }.Over(current);

        var patch = UsagePlanPatch.Patch(current, wanted).Select(op => $"{op.Op} {op.Path} {op.Value}");

        Assert.Equal(
        [
            "replace /quota/limit 20",
            "remove /apiStages a2:prod",
            "remove /apiStages/a1:prod/throttle/~1old/GET ",
            "replace /apiStages/a1:prod/throttle/~1/GET/rateLimit 3",
        ], patch);
        Assert.Empty(UsagePlanPatch.Patch(current, new UsagePlanSettings().Over(current)));
    }
}
