using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;

namespace ApiGatewayTools.Engine.Client;

/// <summary>
/// Turns what the caller said into a <see cref="GwConnection"/>, the way AWS tools resolve it:
/// explicit values, then AWS_* environment variables, then the shared config and credentials files
/// (profiles, SSO and assume-role profiles), then container and instance credentials.
/// Throws <see cref="Errors.GwConfigurationException"/> (NoRegion, NoCredentials, ProfileNotFound, InvalidEndpointUrl) before any request.
/// An endpoint on this machine (a local gateway or emulator) that nothing else gives credentials or a region
/// for is signed with throw-away keys in us-east-1: emulators accept any signature, and the SDK's own chain
/// would otherwise go looking for instance metadata.
/// </summary>
public static class GwConnectionResolver
{
    public const string NoRegion = "NoRegion";
    public const string NoCredentials = "NoCredentials";
    public const string ProfileNotFound = "ProfileNotFound";
    public const string InvalidEndpointUrl = "InvalidEndpointUrl";
    internal const string LoopbackAccessKey = "test";
    internal const string LoopbackRegion = "us-east-1";

    public static GwConnection Resolve(GwConnectionOptions options) => Resolve(options, ResolverEnvironment.Process);

    internal static GwConnection Resolve(GwConnectionOptions options, ResolverEnvironment environment)
    {
        var (apiGatewayEndpoint, lambdaEndpoint) = ResolveEndpoints(options, environment);

        var explicitKeys = !string.IsNullOrEmpty(options.AccessKey) || !string.IsNullOrEmpty(options.SecretKey);
        var profileName = NonEmpty(options.ProfileName) ?? (explicitKeys ? null : NonEmpty(environment.Variable("AWS_PROFILE")));
        var profile = profileName is null ? null : FindProfile(profileName, environment);

        var onThisMachine = IsLoopback(apiGatewayEndpoint) && IsLoopback(lambdaEndpoint);
        var (credentials, usedProfile) = ResolveCredentials(options, environment, profile, onThisMachine);
        var region = ResolveRegion(options, environment, profile ?? (profileName is null ? TryProfile("default", environment) : null), onThisMachine);
        return new GwConnection(region, usedProfile, apiGatewayEndpoint, lambdaEndpoint, credentials, options.EndpointEnforcesQuotas && apiGatewayEndpoint is not null);
    }

    private static (Uri? ApiGateway, Uri? Lambda) ResolveEndpoints(GwConnectionOptions options, ResolverEnvironment environment)
    {
        if (NonEmpty(options.EndpointUrl) is { } explicitUrl)
        {
            var endpoint = ParseEndpoint(explicitUrl, "-EndpointUrl");
            return (endpoint, endpoint);
        }

        var shared = NonEmpty(environment.Variable("AWS_ENDPOINT_URL"));
        var apiGateway = NonEmpty(environment.Variable("AWS_ENDPOINT_URL_API_GATEWAY"));
        var lambda = NonEmpty(environment.Variable("AWS_ENDPOINT_URL_LAMBDA"));
        return (
            apiGateway is not null ? ParseEndpoint(apiGateway, "AWS_ENDPOINT_URL_API_GATEWAY") : shared is not null ? ParseEndpoint(shared, "AWS_ENDPOINT_URL") : null,
            lambda is not null ? ParseEndpoint(lambda, "AWS_ENDPOINT_URL_LAMBDA") : shared is not null ? ParseEndpoint(shared, "AWS_ENDPOINT_URL") : null);
    }

    private static Uri ParseEndpoint(string text, string source)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0)
        {
            return uri;
        }

        throw new GwConfigurationException(InvalidEndpointUrl,
            $"The endpoint URL '{text}' from {source} is not an absolute http:// or https:// URL. Use a URL such as http://127.0.0.1:4566, or leave it out to use AWS.");
    }

    private static bool IsLoopback(Uri? endpoint) => endpoint is not null && endpoint.IsLoopback;

    private static (AWSCredentials Credentials, string? ProfileName) ResolveCredentials(GwConnectionOptions options, ResolverEnvironment environment,
        CredentialProfile? profile, bool onThisMachine)
    {
        if (!string.IsNullOrEmpty(options.AccessKey) || !string.IsNullOrEmpty(options.SecretKey))
        {
            if (string.IsNullOrEmpty(options.AccessKey) || string.IsNullOrEmpty(options.SecretKey))
            {
                throw new GwConfigurationException(NoCredentials, "Both an access key and a secret key are needed: pass -Credential with the access key as user name and the secret key as password.");
            }

            return (KeysOf(options.AccessKey, options.SecretKey, options.SessionToken), null);
        }

        if (NonEmpty(options.ProfileName) is not null)
        {
            return (CredentialsOf(profile!, environment), profile!.Name);
        }

        var envAccessKey = NonEmpty(environment.Variable("AWS_ACCESS_KEY_ID"));
        var envSecretKey = NonEmpty(environment.Variable("AWS_SECRET_ACCESS_KEY"));
        if (envAccessKey is not null && envSecretKey is not null)
        {
            return (KeysOf(envAccessKey, envSecretKey, NonEmpty(environment.Variable("AWS_SESSION_TOKEN"))), null);
        }

        if (profile is not null)
        {
            return (CredentialsOf(profile, environment), profile.Name);
        }

        if (onThisMachine)
        {
            return (TryProfile("default", environment) is { } defaultProfile
                ? CredentialsOf(defaultProfile, environment)
                : new BasicAWSCredentials(LoopbackAccessKey, LoopbackAccessKey), null);
        }

        return (environment.DefaultCredentials() ?? throw new GwConfigurationException(NoCredentials,
            "No AWS credentials: pass -Credential or -ProfileName, set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or AWS_PROFILE, or run 'aws configure'."), null);
    }

    private static string ResolveRegion(GwConnectionOptions options, ResolverEnvironment environment, CredentialProfile? profile, bool onThisMachine) =>
        NonEmpty(options.Region)
        ?? NonEmpty(environment.Variable("AWS_REGION"))
        ?? NonEmpty(environment.Variable("AWS_DEFAULT_REGION"))
        ?? NonEmpty(profile?.Region?.SystemName)
        ?? (onThisMachine ? LoopbackRegion : null)
        ?? NonEmpty(environment.DefaultRegion())
        ?? throw new GwConfigurationException(NoRegion, "No AWS region: pass -Region, set AWS_REGION, or set region in the profile.");

    private static CredentialProfile FindProfile(string name, ResolverEnvironment environment) =>
        TryProfile(name, environment) ?? throw new GwConfigurationException(ProfileNotFound,
            $"No AWS profile named '{name}' in the shared config or credentials file. Create it with 'aws configure --profile {name}' or pass another -ProfileName.");

    private static CredentialProfile? TryProfile(string name, ResolverEnvironment environment) =>
        environment.Profiles.TryGetProfile(name, out var profile) ? profile : null;

    /// <summary>Creates the profile's credentials object; SSO and assume-role profiles fetch keys lazily, at the first request.</summary>
    private static AWSCredentials CredentialsOf(CredentialProfile profile, ResolverEnvironment environment)
    {
        try
        {
            if (AWSCredentialsFactory.TryGetAWSCredentials(profile, environment.Profiles, out var credentials) && credentials is not null)
            {
                return credentials;
            }
        }
        catch (Exception e) when (e is AmazonClientException or InvalidOperationException or ArgumentException)
        {
            throw new GwConfigurationException(NoCredentials, $"The AWS profile '{profile.Name}' cannot provide credentials: {e.Message}", e);
        }
        throw new GwConfigurationException(NoCredentials,
            $"The AWS profile '{profile.Name}' has no usable credentials (keys, SSO, role or process). Fix it with 'aws configure --profile {profile.Name}'.");
    }

    private static AWSCredentials KeysOf(string accessKey, string secretKey, string? sessionToken) =>
        string.IsNullOrEmpty(sessionToken) ? new BasicAWSCredentials(accessKey, secretKey) : new SessionAWSCredentials(accessKey, secretKey, sessionToken);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>Where resolution looks; tests substitute it instead of changing the process environment.</summary>
internal sealed class ResolverEnvironment
{
    public required Func<string, string?> Variable { get; init; }
    public required CredentialProfileStoreChain Profiles { get; init; }
    /// <summary>The SDK's chain for what is left: container and instance credentials, the default profile.</summary>
    public required Func<AWSCredentials?> DefaultCredentials { get; init; }
    public required Func<string?> DefaultRegion { get; init; }

    public static ResolverEnvironment Process => new()
    {
        Variable = Environment.GetEnvironmentVariable,
        Profiles = new CredentialProfileStoreChain(),
        DefaultCredentials = SdkDefaultCredentials,
        DefaultRegion = SdkDefaultRegion,
    };

    private static AWSCredentials? SdkDefaultCredentials()
    {
        try
        {
            return Amazon.Runtime.Credentials.DefaultAWSCredentialsIdentityResolver.GetCredentials(null);
        }
        catch (AmazonClientException)
        {
            return null;
        }
    }

    private static string? SdkDefaultRegion()
    {
        try
        {
            return FallbackRegionFactory.GetRegionEndpoint()?.SystemName;
        }
        catch (AmazonClientException)
        {
            return null;
        }
    }
}
