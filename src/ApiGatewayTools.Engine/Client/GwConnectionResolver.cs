using ApiGatewayTools.Engine.Models;

namespace ApiGatewayTools.Engine.Client;

/// <summary>
/// Turns what the caller said into a <see cref="GwConnection"/>, the way AWS tools resolve it:
/// explicit values, then AWS_* environment variables, then the shared config and credentials files
/// (profiles, SSO and assume-role profiles), then container and instance credentials.
/// Throws <see cref="Errors.GwConfigurationException"/> (NoRegion, NoCredentials, ProfileNotFound) before any request.
/// </summary>
public static class GwConnectionResolver
{
    public static GwConnection Resolve(GwConnectionOptions options) => throw new NotImplementedException();
}
