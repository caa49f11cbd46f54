using ApiGatewayTools.Engine.Domain;
using ApiGatewayTools.Engine.Errors;

namespace ApiGatewayTools.Tests.Engine;

/// <summary>Fixed mapping values: bare and API Gateway's quoted form are one value; a quote inside cannot be stored.</summary>
public sealed class StaticMappingValueTests
{
    [Theory]
    [InlineData("*", "'*'")]
    [InlineData("'*'", "'*'")]
    [InlineData("no-store", "'no-store'")]
    [InlineData("''", "''")]
    [InlineData("", "''")]
    public void BareAndQuotedValuesMapAlike(string value, string mapping) =>
        Assert.Equal(mapping, StaticMappingValue.Quote("X-Header", value, "InvalidResponseHeader", "ResponseHeader"));

    [Theory]
    [InlineData("it's", "'its'")]
    [InlineData("'*", "'*'")]
    [InlineData("'a'b'", "'ab'")]
    public void AQuoteInsideIsRefusedWithTheValueToWrite(string value, string suggested)
    {
        var error = Assert.Throws<GwValidationException>(() => StaticMappingValue.Quote("X-Header", value, "InvalidResponseHeader", "ResponseHeader"));

        Assert.Equal("InvalidResponseHeader", error.ErrorId);
        Assert.Equal("ResponseHeader", error.ParameterName);
        Assert.Contains($"@{{ 'X-Header' = {suggested} }}", error.Message);
    }

    [Fact]
    public void TheMockPlanStoresOneMappingForBothForms()
    {
        var quoted = IntegrationPlan.Mock("a1", "r1", "GET", 200, "", new Dictionary<string, string> { ["Access-Control-Allow-Origin"] = "'*'" }, "application/json");
        var bare = IntegrationPlan.Mock("a1", "r1", "GET", 200, "", new Dictionary<string, string> { ["Access-Control-Allow-Origin"] = "*" }, "application/json");

        Assert.Equal(bare.ToString(), quoted.ToString());
        // The body's JSON may escape the quote; either way the stored value is '*', quotes included.
        var text = quoted.ToString().Replace("\\u0027", "'", StringComparison.Ordinal);
        Assert.Contains("\"method.response.header.Access-Control-Allow-Origin\":\"'*'\"", text);
    }
}
