namespace ApiGatewayTools.Engine.Models;

/// <summary>
/// Where and as whom requests go: resolved once per cmdlet call and carried by every output
/// object, so the next cmdlet in a pipeline talks to the same account, region and endpoint.
/// Credentials are held but never shown: ToString and formatting print region/profile/endpoint only.
/// </summary>
public sealed class GwConnection
{
    internal GwConnection(string region, string? profileName, Uri? apiGatewayEndpoint, Uri? lambdaEndpoint, Amazon.Runtime.AWSCredentials credentials,
        bool endpointEnforcesQuotas = false)
    {
        EndpointEnforcesQuotas = endpointEnforcesQuotas;
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

    /// <summary>The custom endpoint enforces API Gateway's per-account quotas as AWS does (a local gateway started with -EmulateQuotas).</summary>
    public bool EndpointEnforcesQuotas { get; }

    /// <summary>
    /// Whether API Gateway calls are paced to AWS's per-account control-plane quotas: on AWS's own endpoint, and on
    /// an endpoint that enforces them. Every client of the process with the same endpoint and keys shares one pacer.
    /// </summary>
    public bool PacedToQuotas => ApiGatewayEndpoint is null || EndpointEnforcesQuotas;

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
    /// <summary>The endpoint enforces API Gateway's per-account quotas (a local gateway started with -EmulateQuotas): pace to them.</summary>
    public bool EndpointEnforcesQuotas { get; init; }
}
