using ApiGatewayTools.Engine.Client;
using ApiGatewayTools.Engine.Errors;
using ApiGatewayTools.Engine.Models;

namespace ApiGatewayTools.Tests.Engine;

/// <summary>New-GwRequestValidator's rule: create by name, update only the checks that differ, send nothing when they match.</summary>
public sealed class RequestValidatorPlanTests
{
    private static readonly RequestValidator Strict = new() { RestApiId = "a1", RequestValidatorId = "v1", Name = "strict", ValidateRequestBody = true };

    [Fact]
    public void ANameNotInTheApiIsCreated()
    {
        var plan = new RequestValidatorSettings("body-only", true, false).Plan("a1", [Strict]);

        Assert.Equal("""CreateRequestValidator POST /restapis/a1/requestvalidators {"name":"body-only","validateRequestBody":true,"validateRequestParameters":false}""",
            plan.ToString());
    }

    [Fact]
    public void OnlyTheChecksThatDifferArePatched()
    {
        var plan = new RequestValidatorSettings("strict", true, true).Plan("a1", [Strict]);

        Assert.Equal("""UpdateRequestValidator PATCH /restapis/a1/requestvalidators/v1 {"patchOperations":[{"op":"replace","path":"/validateRequestParameters","value":"true"}]}""",
            plan.ToString());
    }

    [Fact]
    public async Task AValidatorThatAlreadyHasTheChecksIsAnsweredWithoutARequest()
    {
        var plan = new RequestValidatorSettings("strict", true, false).Plan("a1", [Strict]);

        Assert.True(plan.IsEmpty);
        using var server = new ScriptedServer();
        Assert.Same(Strict, await plan.ApplyAsync(new ApiGatewayClient(server.Connection()), CancellationToken.None));
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void ABlankNameIsRefused(string name)
    {
        var e = Assert.Throws<GwValidationException>(() => new RequestValidatorSettings(name, false, false).Validate());
        Assert.Equal(RequestValidatorSettings.InvalidNameErrorId, e.ErrorId);
    }
}
