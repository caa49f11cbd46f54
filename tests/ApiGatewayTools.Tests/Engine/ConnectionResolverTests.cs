using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using ApiGatewayTools.Engine.Client;
using ApiGatewayTools.Engine.Errors;
using ApiGatewayTools.Engine.Models;

namespace ApiGatewayTools.Tests.Engine;

/// <summary>Precedence and errors of connection resolution, with an injected environment and a temporary credentials file.</summary>
public sealed class ConnectionResolverTests : IDisposable
{
    private readonly string _credentialsFile = Path.Combine(Path.GetTempPath(), $"gw-credentials-{Guid.NewGuid():N}");
    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);
    private AWSCredentials? _defaultCredentials;
    private string? _defaultRegion;

    public ConnectionResolverTests()
    {
        File.WriteAllText(_credentialsFile, """
            [dev]
            aws_access_key_id = AKIDDEV
            aws_secret_access_key = devsecret
            region = eu-central-1

            [noregion]
            aws_access_key_id = AKIDNOREGION
            aws_secret_access_key = secret

            """);
    }

    public void Dispose() => File.Delete(_credentialsFile);

    private GwConnection Resolve(GwConnectionOptions options) => GwConnectionResolver.Resolve(options, new ResolverEnvironment
    {
        Variable = name => _variables.GetValueOrDefault(name),
        Profiles = new CredentialProfileStoreChain(_credentialsFile),
        DefaultCredentials = () => _defaultCredentials,
        DefaultRegion = () => _defaultRegion,
    });

    private static GwConfigurationException Fails(Func<GwConnection> resolve) => Assert.Throws<GwConfigurationException>(() => resolve());

    [Fact]
    public void ExplicitKeysAndRegionWinOverTheEnvironment()
    {
        _variables["AWS_ACCESS_KEY_ID"] = "AKIDENV";
        _variables["AWS_SECRET_ACCESS_KEY"] = "envsecret";
        _variables["AWS_REGION"] = "us-west-2";

        var connection = Resolve(new GwConnectionOptions { AccessKey = "AKIDX", SecretKey = "xsecret", Region = "ap-south-1" });

        Assert.Equal("AKIDX", connection.Credentials.GetCredentials().AccessKey);
        Assert.Equal("ap-south-1", connection.Region);
        Assert.Null(connection.ProfileName);
        Assert.False(connection.IsCustomEndpoint);
    }

    [Fact]
    public void SessionTokenIsKept()
    {
        var connection = Resolve(new GwConnectionOptions { AccessKey = "AKIDX", SecretKey = "s", SessionToken = "tok", Region = "us-east-1" });

        Assert.Equal("tok", connection.Credentials.GetCredentials().Token);
    }

    [Fact]
    public void ProfileGivesCredentialsAndRegion()
    {
        var connection = Resolve(new GwConnectionOptions { ProfileName = "dev" });

        Assert.Equal("AKIDDEV", connection.Credentials.GetCredentials().AccessKey);
        Assert.Equal("eu-central-1", connection.Region);
        Assert.Equal("dev", connection.ProfileName);
    }

    [Fact]
    public void EnvironmentRegionWinsOverTheProfileRegion()
    {
        _variables["AWS_DEFAULT_REGION"] = "sa-east-1";
        Assert.Equal("sa-east-1", Resolve(new GwConnectionOptions { ProfileName = "dev" }).Region);

        _variables["AWS_REGION"] = "ca-central-1";
        Assert.Equal("ca-central-1", Resolve(new GwConnectionOptions { ProfileName = "dev" }).Region);
    }

    [Fact]
    public void ExplicitProfileWinsOverEnvironmentKeys()
    {
        _variables["AWS_ACCESS_KEY_ID"] = "AKIDENV";
        _variables["AWS_SECRET_ACCESS_KEY"] = "envsecret";

        Assert.Equal("AKIDDEV", Resolve(new GwConnectionOptions { ProfileName = "dev" }).Credentials.GetCredentials().AccessKey);
    }

    [Fact]
    public void EnvironmentKeysWinOverAwsProfile()
    {
        _variables["AWS_ACCESS_KEY_ID"] = "AKIDENV";
        _variables["AWS_SECRET_ACCESS_KEY"] = "envsecret";
        _variables["AWS_SESSION_TOKEN"] = "envtoken";
        _variables["AWS_PROFILE"] = "dev";

        var connection = Resolve(new GwConnectionOptions());

        var keys = connection.Credentials.GetCredentials();
        Assert.Equal(("AKIDENV", "envtoken"), (keys.AccessKey, keys.Token));
        // The profile named by AWS_PROFILE still supplies the region.
        Assert.Equal("eu-central-1", connection.Region);
    }

    [Fact]
    public void AwsProfileIsUsedWhenNothingElseIsGiven()
    {
        _variables["AWS_PROFILE"] = "dev";

        var connection = Resolve(new GwConnectionOptions());

        Assert.Equal(("AKIDDEV", "dev"), (connection.Credentials.GetCredentials().AccessKey, connection.ProfileName));
    }

    [Fact]
    public void TheSdkChainIsTheLastResort()
    {
        _defaultCredentials = new BasicAWSCredentials("AKIDCHAIN", "s");
        _defaultRegion = "eu-north-1";

        var connection = Resolve(new GwConnectionOptions());

        Assert.Equal(("AKIDCHAIN", "eu-north-1"), (connection.Credentials.GetCredentials().AccessKey, connection.Region));
    }

    [Fact]
    public void UnknownProfilesFail()
    {
        Assert.Equal(GwConnectionResolver.ProfileNotFound, Fails(() => Resolve(new GwConnectionOptions { ProfileName = "nope", Region = "us-east-1" })).ErrorId);

        _variables["AWS_PROFILE"] = "gone";
        var error = Fails(() => Resolve(new GwConnectionOptions { Region = "us-east-1" }));
        Assert.Equal(GwConnectionResolver.ProfileNotFound, error.ErrorId);
        Assert.Contains("'gone'", error.Message);
        Assert.Equal(GwErrorKind.Configuration, error.Kind);
    }

    [Fact]
    public void NoCredentialsAnywhereFails()
    {
        var error = Fails(() => Resolve(new GwConnectionOptions { Region = "us-east-1" }));

        Assert.Equal(GwConnectionResolver.NoCredentials, error.ErrorId);
        Assert.Contains("-Credential", error.Message);
    }

    [Fact]
    public void AnEndpointOnThisMachineWithNothingConfiguredUsesThrowAwayKeysInUsEast1()
    {
        var connection = Resolve(new GwConnectionOptions { EndpointUrl = "http://127.0.0.1:4566" });

        Assert.Equal("test", connection.Credentials.GetCredentials().AccessKey);
        Assert.Equal("us-east-1", connection.Region);
    }

    [Fact]
    public void AnEndpointOnThisMachineStillUsesWhatIsConfigured()
    {
        _variables["AWS_ACCESS_KEY_ID"] = "AKIDENV";
        _variables["AWS_SECRET_ACCESS_KEY"] = "envsecret";
        _variables["AWS_REGION"] = "eu-west-3";

        var connection = Resolve(new GwConnectionOptions { EndpointUrl = "http://localhost:4566" });

        Assert.Equal("AKIDENV", connection.Credentials.GetCredentials().AccessKey);
        Assert.Equal("eu-west-3", connection.Region);
    }

    [Fact]
    public void AnEndpointElsewhereGetsNoThrowAwayKeys()
    {
        var error = Fails(() => Resolve(new GwConnectionOptions { EndpointUrl = "https://gateway.example.com", Region = "us-east-1" }));

        Assert.Equal(GwConnectionResolver.NoCredentials, error.ErrorId);
    }

    [Fact]
    public void HalfAKeyPairFails()
    {
        Assert.Equal(GwConnectionResolver.NoCredentials, Fails(() => Resolve(new GwConnectionOptions { AccessKey = "AKIDX", Region = "us-east-1" })).ErrorId);
    }

    [Fact]
    public void NoRegionAnywhereFails()
    {
        var error = Fails(() => Resolve(new GwConnectionOptions { ProfileName = "noregion" }));

        Assert.Equal(GwConnectionResolver.NoRegion, error.ErrorId);
        Assert.Equal("No AWS region: pass -Region, set AWS_REGION, or set region in the profile.", error.Message);
    }

    [Fact]
    public void ExplicitEndpointServesBothServices()
    {
        _variables["AWS_ENDPOINT_URL_LAMBDA"] = "http://127.0.0.1:9999";

        var connection = Resolve(new GwConnectionOptions { AccessKey = "a", SecretKey = "b", Region = "us-east-1", EndpointUrl = "http://127.0.0.1:4566" });

        Assert.Equal(new Uri("http://127.0.0.1:4566"), connection.ApiGatewayEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:4566"), connection.LambdaEndpoint);
        Assert.True(connection.IsCustomEndpoint);
    }

    [Fact]
    public void ServiceSpecificEndpointVariablesWinOverTheSharedOne()
    {
        _variables["AWS_ENDPOINT_URL"] = "http://127.0.0.1:4566";
        _variables["AWS_ENDPOINT_URL_LAMBDA"] = "http://127.0.0.1:9001";

        var connection = Resolve(new GwConnectionOptions { AccessKey = "a", SecretKey = "b", Region = "us-east-1" });

        Assert.Equal(new Uri("http://127.0.0.1:4566"), connection.ApiGatewayEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:9001"), connection.LambdaEndpoint);

        _variables["AWS_ENDPOINT_URL_API_GATEWAY"] = "https://gw.example.test";
        Assert.Equal(new Uri("https://gw.example.test"), Resolve(new GwConnectionOptions { AccessKey = "a", SecretKey = "b", Region = "us-east-1" }).ApiGatewayEndpoint);
    }

    [Theory]
    [InlineData("localhost:4566")]
    [InlineData("ftp://127.0.0.1")]
    [InlineData("/relative")]
    public void EndpointsMustBeAbsoluteHttpUrls(string url)
    {
        var error = Fails(() => Resolve(new GwConnectionOptions { AccessKey = "a", SecretKey = "b", Region = "us-east-1", EndpointUrl = url }));

        Assert.Equal(GwConnectionResolver.InvalidEndpointUrl, error.ErrorId);
        Assert.Contains(url, error.Message);
    }

    [Fact]
    public void ConnectionTextNeverShowsSecrets()
    {
        var connection = Resolve(new GwConnectionOptions { AccessKey = "AKIDX", SecretKey = "topsecret", Region = "us-east-1", EndpointUrl = "http://127.0.0.1:4566" });

        Assert.DoesNotContain("topsecret", connection.ToString());
        Assert.DoesNotContain("AKIDX", connection.ToString());
    }
}
