using ApiGatewayTools.Engine.Domain;
using ApiGatewayTools.Engine.Errors;
using ApiGatewayTools.Engine.Models;

namespace ApiGatewayTools.Tests.Engine;

/// <summary>Set-GwRestApi's patch: AWS's paths, media types escaped and kept as the whole list, only what differs.</summary>
public sealed class RestApiPatchTests
{
    private static readonly RestApi Current = new()
    {
        RestApiId = "a1",
        Name = "pets",
        ApiKeySource = "HEADER",
        BinaryMediaTypes = ["image/png", "application/octet-stream"],
        MinimumCompressionSize = 1024,
    };

    private static IEnumerable<string> Lines(RestApiSettings settings) =>
        RestApiPatch.Operations(RestApiPatch.Validate(settings), Current).Select(op => $"{op.Op} {op.Path} {op.Value}".TrimEnd());

    [Fact]
    public void EachSettingHasAwsPath()
    {
        var settings = new RestApiSettings { Name = "pets-v2", Description = "Pets", ApiKeySource = "authorizer", DisableExecuteApiEndpoint = true, MinimumCompressionSize = 0 };

        Assert.Equal(
        [
            "replace /name pets-v2",
            "replace /description Pets",
            "replace /minimumCompressionSize 0",
            "replace /apiKeySource AUTHORIZER",
            "replace /disableExecuteApiEndpoint true",
        ], Lines(settings));
    }

    [Fact]
    public void BinaryMediaTypesBecomeTheWholeListWithSlashesEscaped() =>
        Assert.Equal(["add /binaryMediaTypes/*~1*", "remove /binaryMediaTypes/application~1octet-stream"],
            Lines(new RestApiSettings { BinaryMediaTypes = ["IMAGE/PNG", "*/*"] }));

    [Fact]
    public void DisablingCompressionReplacesTheSizeWithNothing() =>
        Assert.Equal(["replace /minimumCompressionSize"], Lines(new RestApiSettings { DisableCompression = true }));

    [Fact]
    public void SettingsTheApiAlreadyHasAreNotSent() =>
        Assert.True(RestApiPatch.Plan(RestApiPatch.Validate(new RestApiSettings
        {
            Name = "pets",
            ApiKeySource = "HEADER",
            DisableExecuteApiEndpoint = false,
            MinimumCompressionSize = 1024,
            BinaryMediaTypes = ["application/octet-stream", "image/png"],
        }), Current).IsEmpty);

    [Fact]
    public void TheUpdateIsOneUpdateRestApi()
    {
        var plan = RestApiPatch.Plan(new RestApiSettings { Description = "d" }, Current);

        Assert.Equal("""UpdateRestApi PATCH /restapis/a1 {"patchOperations":[{"op":"replace","path":"/description","value":"d"}]}""", plan.ToString());
    }

    public static TheoryData<RestApiSettings, string> BadSettings => new()
    {
        { new RestApiSettings { Name = " " }, RestApiWorkflow.InvalidNameErrorId },
        { new RestApiSettings { BinaryMediaTypes = ["png"] }, RestApiPatch.InvalidMediaTypeErrorId },
        { new RestApiSettings { MinimumCompressionSize = -1 }, RestApiPatch.InvalidCompressionSizeErrorId },
        { new RestApiSettings { MinimumCompressionSize = 10_485_761 }, RestApiPatch.InvalidCompressionSizeErrorId },
        { new RestApiSettings { MinimumCompressionSize = 10, DisableCompression = true }, RestApiPatch.CompressionConflictErrorId },
        { new RestApiSettings { ApiKeySource = "QUERY" }, RestApiPatch.InvalidApiKeySourceErrorId },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void BadInputIsRefused(RestApiSettings settings, string errorId) =>
        Assert.Equal(errorId, Assert.Throws<GwValidationException>(() => RestApiPatch.Validate(settings)).ErrorId);
}
