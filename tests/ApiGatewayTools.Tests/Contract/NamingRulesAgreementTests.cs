using System.Net;
using ApiGatewayTools.Engine.Client;
using ApiGatewayTools.Engine.Domain;
using ApiGatewayTools.Engine.Errors;
using ApiGatewayTools.Engine.Models;
using ApiGatewayTools.LocalGateway;

namespace ApiGatewayTools.Tests.Contract;

/// <summary>
/// The engine checks names before sending; the local gateway checks them when they arrive. Both must follow the
/// rules AWS documents, so each case states AWS's verdict and the test asks both halves for theirs: a name the
/// engine refuses but AWS takes would block users, and one the emulator takes but AWS refuses would pass a test
/// locally and fail in the cloud.
/// </summary>
public sealed class NamingRulesAgreementTests : IAsyncLifetime
{
    private LocalGatewayServer _gateway = null!;
    private ApiGatewayClient _client = null!;
    private RestApi _api = null!;

    public async Task InitializeAsync()
    {
        _gateway = LocalGatewayServer.Start(new LocalGatewayOptions());
        _client = new ApiGatewayClient(GwConnectionResolver.Resolve(new GwConnectionOptions
        {
            AccessKey = LocalGatewayServer.DefaultAccessKey,
            SecretKey = LocalGatewayServer.DefaultSecretKey,
            Region = LocalGatewayServer.Region,
            EndpointUrl = _gateway.EndpointUrl.ToString(),
        }));
        _api = await _client.CreateRestApiAsync(new CreateRestApiRequest { Name = "naming-rules" }, default);
        // A deployable API: one method with an integration.
        await _client.PutMethodAsync(new PutMethodRequest { RestApiId = _api.RestApiId, ResourceId = _api.RootResourceId!, HttpMethod = "GET" }, default);
        await _client.PutIntegrationAsync(new PutIntegrationRequest { RestApiId = _api.RestApiId, ResourceId = _api.RootResourceId!, HttpMethod = "GET", Type = "MOCK" }, default);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    // Stage names: letters, digits, '-' and '_', 1 to 128 characters.
    public static TheoryData<string, bool> StageNames => new()
    {
        { "prod", true }, { "dev-1", true }, { "v2_beta", true }, { new string('s', 128), true },
        { new string('s', 129), false }, { "pro d", false }, { "prod.v1", false }, { "prød", false }, { "a/b", false },
    };

    [Theory]
    [MemberData(nameof(StageNames))]
    public async Task StageNames_EngineAndEmulatorAgreeWithAws(string stageName, bool awsAccepts)
    {
        Assert.Equal(awsAccepts, EngineAccepts(() => DeploymentWorkflow.ValidateStageName(stageName)));
        Assert.Equal(awsAccepts, await EmulatorAcceptsAsync(() => _client.CreateDeploymentAsync(
            new CreateDeploymentRequest { RestApiId = _api.RestApiId, StageName = stageName }, default)));
    }

    // Path parts: letters, digits and -._~:@!$&'()*+,;= , or one whole-segment variable {name} / greedy {name+}.
    public static TheoryData<string, bool> PathParts => new()
    {
        { "pets", true }, { "{petId}", true }, { "{proxy+}", true }, { "a.b-c_d~e", true }, { "v1:batch", true }, { "@!$&'()*+,;=", true },
        { "a b", false }, { "{a", false }, { "a}", false }, { "{}", false }, { "{a+b}", false }, { "é", false }, { "a?b", false }, { "a#b", false }, { "a%20b", false },
    };

    [Theory]
    [MemberData(nameof(PathParts))]
    public async Task PathParts_EngineAndEmulatorAgreeWithAws(string pathPart, bool awsAccepts)
    {
        Assert.Equal(awsAccepts, EngineAccepts(() => ResourcePath.ValidatePathPart(pathPart)));
        Assert.Equal(awsAccepts, await EmulatorAcceptsAsync(() => _client.CreateResourceAsync(_api.RestApiId, _api.RootResourceId!, pathPart, default)));
    }

    // Stage variables: names of letters, digits and '_'; 1 to 512 of letters, digits and -._~:/?#&=, (AWS's pattern).
    public static TheoryData<string, string, bool> StageVariables => new()
    {
        { "backend", "http://example.com/v1?x=y#top", true }, { "a_b", "one,two&three", true }, { "V1", "~:/", true },
        { "a-b", "x", false }, { "a b", "x", false }, { "a.b", "x", false },
        { "backend", "a b", false }, { "backend", "a\"b", false }, { "backend", "<x>", false }, { "backend", "50%", false },
        { "backend", new string('v', 512), true }, { "backend", new string('v', 513), false }, { "backend", "", false },
    };

    [Theory]
    [MemberData(nameof(StageVariables))]
    public async Task StageVariables_EngineAndEmulatorAgreeWithAws(string name, string value, bool awsAccepts)
    {
        var variables = new Dictionary<string, string> { [name] = value };
        Assert.Equal(awsAccepts, EngineAccepts(() => DeploymentWorkflow.ValidateVariables(variables)));
        Assert.Equal(awsAccepts, await EmulatorAcceptsAsync(() => _client.CreateDeploymentAsync(
            new CreateDeploymentRequest { RestApiId = _api.RestApiId, StageName = "vars", Variables = variables }, default)));
    }

    private static bool EngineAccepts(Action validate)
    {
        try
        {
            validate();
            return true;
        }
        catch (GwValidationException)
        {
            return false;
        }
    }

    /// <summary>Sent without the engine's checks: the emulator answers 2xx, or AWS's BadRequestException.</summary>
    private static async Task<bool> EmulatorAcceptsAsync(Func<Task> send)
    {
        try
        {
            await send();
            return true;
        }
        catch (GwServiceException e) when (e.StatusCode == HttpStatusCode.BadRequest && e.ErrorId == "BadRequestException")
        {
            return false;
        }
    }
}
