using ApiGatewayTools.Engine.Client;
using ApiGatewayTools.Engine.Errors;
using ApiGatewayTools.Engine.Models;

namespace ApiGatewayTools.Tests.Engine;

/// <summary>Set-GwGatewayResponse's rules: headers written the convenient way, bad input refused, nothing sent when the type already answers so.</summary>
public sealed class GatewayResponsePlanTests
{
    private static readonly Dictionary<string, string> None = [];

    [Fact]
    public void PlainHeaderValuesAreQuotedAndRequestValuesKeptAsWritten()
    {
        var parameters = GatewayResponseSettings.HeaderParameters(new Dictionary<string, string>
        {
            ["Access-Control-Allow-Origin"] = "*",
            ["X-Quoted"] = "'as is'",
            ["X-Trace"] = "method.request.header.X-Trace",
            ["X-Owner"] = "stageVariables.owner",
            ["X-Request"] = "context.requestId",
        });

        Assert.Equal("'*'", parameters["gatewayresponse.header.Access-Control-Allow-Origin"]);
        Assert.Equal("'as is'", parameters["gatewayresponse.header.X-Quoted"]);
        Assert.Equal("method.request.header.X-Trace", parameters["gatewayresponse.header.X-Trace"]);
        Assert.Equal("stageVariables.owner", parameters["gatewayresponse.header.X-Owner"]);
        Assert.Equal("context.requestId", parameters["gatewayresponse.header.X-Request"]);
    }

    [Theory]
    [InlineData("Bad Name", "x")]
    [InlineData("X-Line", "a\r\nb")]
    [InlineData("", "x")]
    public void HeadersNoResponseCanCarryAreRefused(string name, string value)
    {
        var refused = Assert.Throws<GwValidationException>(() => GatewayResponseSettings.HeaderParameters(new Dictionary<string, string> { [name] = value }));
        Assert.Equal(GatewayResponseSettings.InvalidHeaderErrorId, refused.ErrorId);
    }

    [Fact]
    public void TheTypeIsMatchedWithoutRegardToCaseAndAnUnknownOneListsTheValidTypes()
    {
        Assert.Equal("INVALID_API_KEY", new GatewayResponseSettings("invalid_api_key", null, None, None).Validate().ResponseType);
        var refused = Assert.Throws<GwValidationException>(() => new GatewayResponseSettings("THROTTLING", null, None, None).Validate());
        Assert.Equal(GatewayResponseSettings.InvalidTypeErrorId, refused.ErrorId);
        Assert.Contains("THROTTLED", refused.Message);
        Assert.Contains("WAF_FILTERED", refused.Message);
    }

    [Theory]
    [InlineData(99)]
    [InlineData(600)]
    public void AStatusCodeOutside100To599IsRefused(int statusCode)
    {
        var refused = Assert.Throws<GwValidationException>(() => new GatewayResponseSettings("DEFAULT_4XX", statusCode, None, None).Validate());
        Assert.Equal(GatewayResponseSettings.InvalidStatusCodeErrorId, refused.ErrorId);
    }

    [Fact]
    public void ATypeThatDiffersIsPut()
    {
        var settings = new GatewayResponseSettings("THROTTLED", 503, GatewayResponseSettings.HeaderParameters(new Dictionary<string, string> { ["Retry-After"] = "1" }), None);
        var plan = settings.Plan("a1", new GatewayResponse { RestApiId = "a1", ResponseType = "THROTTLED", StatusCode = "429", DefaultResponse = true });

        Assert.Equal("""PutGatewayResponse PUT /restapis/a1/gatewayresponses/THROTTLED {"statusCode":"503","responseParameters":{"gatewayresponse.header.Retry-After":"'1'"},"responseTemplates":{}}""",
            plan.ToString());
    }

    [Fact]
    public void ATypeThatAlreadyAnswersSoIsLeftAlone()
    {
        var current = new GatewayResponse
        {
            RestApiId = "a1",
            ResponseType = "DEFAULT_4XX",
            ResponseParameters = new Dictionary<string, string> { ["gatewayresponse.header.Access-Control-Allow-Origin"] = "'*'" },
        };
        var settings = new GatewayResponseSettings("DEFAULT_4XX", null, GatewayResponseSettings.HeaderParameters(new Dictionary<string, string> { ["Access-Control-Allow-Origin"] = "*" }), None);

        Assert.True(settings.Plan("a1", current).IsEmpty);
        Assert.False(settings.Plan("a1", current with { DefaultResponse = true }).IsEmpty);
        Assert.Equal("Custom", current.Source);
        Assert.Equal("'*'", current.Headers["Access-Control-Allow-Origin"]);
    }
}
