using ApiGatewayTools.Engine.Client;
using ApiGatewayTools.Engine.Domain;
using ApiGatewayTools.Engine.Errors;
using ApiGatewayTools.Engine.Models;

namespace ApiGatewayTools.Tests.Engine;

/// <summary>Method and integration responses converge, refuse what API Gateway would refuse, and CORS plans nothing twice.</summary>
public sealed class ResponsePlanTests
{
    private static readonly Method HttpMethodWithDefault = new()
    {
        RestApiId = "a1", ResourceId = "r1", HttpMethod = "GET",
        MethodResponses = new Dictionary<string, MethodResponse>
        {
            ["200"] = new() { StatusCode = "200", ResponseParameters = new Dictionary<string, bool> { ["method.response.header.X-Id"] = false } },
            ["404"] = new() { StatusCode = "404" },
        },
        Integration = new Integration
        {
            Type = "HTTP",
            IntegrationResponses = new Dictionary<string, IntegrationResponse> { ["200"] = new() { StatusCode = "200" } },
        },
    };

    private static PutIntegrationResponseRequest Response(string status, string? pattern = null, IReadOnlyDictionary<string, string>? parameters = null) => new()
    {
        RestApiId = "a1", ResourceId = "r1", HttpMethod = "GET", StatusCode = status, SelectionPattern = pattern, ResponseParameters = parameters,
    };

    [Fact]
    public void A_new_integration_response_is_put_and_an_existing_one_patched_where_it_differs()
    {
        Assert.StartsWith("PutIntegrationResponse PUT /restapis/a1/resources/r1/methods/GET/integration/responses/404",
            IntegrationResponsePlan.For(Response("404", "404"), HttpMethodWithDefault, "/pets").Plan.ToString());

        var (plan, changes) = IntegrationResponsePlan.For(Response("200", null, new Dictionary<string, string> { ["method.response.header.X-Id"] = "'1'" }), HttpMethodWithDefault, "/pets");
        Assert.StartsWith("UpdateIntegrationResponse PATCH /restapis/a1/resources/r1/methods/GET/integration/responses/200", plan.ToString());
        Assert.Equal(["responseParameters/method.response.header.X-Id: add ''1''"], changes);
    }

    [Theory]
    [InlineData("500", null, ResponseRules.MethodResponseMissingErrorId)]
    [InlineData("404", null, ResponseRules.DuplicateDefaultResponseErrorId)]
    [InlineData("404", "4\\d{2", ResponseRules.InvalidSelectionPatternErrorId)]
    [InlineData("4040", "404", ResponseRules.InvalidStatusCodeErrorId)]
    public void What_API_Gateway_would_refuse_is_refused_before_sending(string status, string? pattern, string errorId) =>
        Assert.Equal(errorId, Assert.Throws<GwValidationException>(() => IntegrationResponsePlan.For(Response(status, pattern), HttpMethodWithDefault, "/pets")).ErrorId);

    [Fact]
    public void A_header_the_method_response_does_not_declare_cannot_be_mapped() =>
        Assert.Equal(ResponseRules.InvalidResponseParameterErrorId, Assert.Throws<GwValidationException>(() =>
            IntegrationResponsePlan.For(Response("404", "404", new Dictionary<string, string> { ["method.response.header.X-Id"] = "'1'" }), HttpMethodWithDefault, "/pets")).ErrorId);

    [Fact]
    public void Error_responses_for_Lambda_never_both_match()
    {
        var (clientError, serverError) = IntegrationPlan.ErrorPatterns("AWS");
        bool Matches(string pattern, string text) => System.Text.RegularExpressions.Regex.IsMatch(text, $"\\A(?:{pattern})\\z");

        Assert.True(Matches(clientError, "Bad request: name is required"));
        Assert.False(Matches(serverError, "Bad request: name is required"));
        Assert.True(Matches(serverError, "Database unreachable\nat line 3"));
        Assert.False(Matches(serverError, ""));
    }

    [Fact]
    public void Cors_puts_the_preflight_and_both_error_gateway_responses()
    {
        var settings = new CorsSettings { AllowOrigins = ["https://app.example.com"] };
        var resource = new RestApiResource
        {
            RestApiId = "a1", ResourceId = "r1", Path = "/pets", HttpMethods = ["GET"],
            ResourceMethods = new Dictionary<string, Method> { ["GET"] = HttpMethodWithDefault },
        };
        var errors = CorsWorkflow.ErrorResponseTypes.Select(type => new GatewayResponse { RestApiId = "a1", ResponseType = type, DefaultResponse = true }).ToList();
        var first = CorsWorkflow.For("a1", [resource], settings, errors);

        Assert.Contains(first.Plan.Steps, s => s.Operation.Name == "PutMethod" && s.Operation.Path.EndsWith("/OPTIONS", StringComparison.Ordinal));
        Assert.Equal(2, first.Plan.Steps.Count(s => s.Operation.Name == "PutGatewayResponse"));
    }

    [Theory]
    [InlineData("https://app.example.com/")]
    [InlineData("app.example.com")]
    public void Cors_refuses_what_is_not_an_origin(string origin) =>
        Assert.Equal(CorsSettings.InvalidOriginErrorId,
            Assert.Throws<GwValidationException>(() => new CorsSettings { AllowOrigins = [origin] }.Validate()).ErrorId);
}
