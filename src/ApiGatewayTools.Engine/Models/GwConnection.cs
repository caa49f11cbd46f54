namespace ApiGatewayTools.Engine.Models;

/// <summary>
/// Where and as whom requests go: resolved once per cmdlet call and carried by every output
/// object, so the next cmdlet in a pipeline talks to the same account, region and endpoint.
/// Credentials are held but never shown: ToString and formatting print region/profile/endpoint only.
/// </summary>
public sealed class GwConnection
{
    internal GwConnection(string region, string? profileName, Uri? apiGatewayEndpoint, Uri? lambdaEndpoint, Amazon.Runtime.AWSCredentials credentials)
    {
        Region = region;
        ProfileName = profileName;
        ApiGatewayEndpoint = apiGatewayEndpoint;
        LambdaEndpoint = lambdaEndpoint;
        Credentials = credentials;
    }

    public string Region { get; }
    public string? ProfileName { get; }

    /// <summary>Override for the API Gateway endpoint; null means AWS's regional endpoint.</summary>
    public Uri? ApiGatewayEndpoint { get; }

    /// <summary>Override for the Lambda endpoint; null means AWS's regional endpoint.</summary>
    public Uri? LambdaEndpoint { get; }

    internal Amazon.Runtime.AWSCredentials Credentials { get; }

    /// <summary>True when requests go somewhere other than AWS (a local gateway or another implementation).</summary>
    public bool IsCustomEndpoint => ApiGatewayEndpoint is not null;

    public override string ToString() =>
        ApiGatewayEndpoint is null ? $"{Region}{(ProfileName is null ? "" : " (" + ProfileName + ")")}" : $"{Region} @ {ApiGatewayEndpoint}";
}

/// <summary>What the caller said about the connection; anything left null is resolved the way AWS tools do.</summary>
public sealed record GwConnectionOptions
{
    public string? ProfileName { get; init; }
    public string? Region { get; init; }
    public string? EndpointUrl { get; init; }
    public string? AccessKey { get; init; }
    public string? SecretKey { get; init; }
    public string? SessionToken { get; init; }
}
