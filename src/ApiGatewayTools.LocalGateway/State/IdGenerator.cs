using System.Security.Cryptography;

namespace ApiGatewayTools.LocalGateway.State;

/// <summary>
/// Identifiers shaped as API Gateway's: lowercase letters and digits, 10 long for REST APIs and
/// their root resources, 6 long for child resources and deployments.
/// </summary>
internal static class IdGenerator
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static string NewRestApiId() => RandomNumberGenerator.GetString(Alphabet, 10);
    public static string NewRootResourceId() => RandomNumberGenerator.GetString(Alphabet, 10);
    public static string NewResourceId() => RandomNumberGenerator.GetString(Alphabet, 6);
    public static string NewDeploymentId() => RandomNumberGenerator.GetString(Alphabet, 6);
    public static string NewApiKeyId() => RandomNumberGenerator.GetString(Alphabet, 10);
    public static string NewUsagePlanId() => RandomNumberGenerator.GetString(Alphabet, 6);

    /// <summary>A generated API key value: 40 letters (both cases) and digits, as API Gateway generates them.</summary>
    public static string NewApiKeyValue() =>
        RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 40);

    /// <summary>Draws until the id is free: six characters are few enough that a clash is possible.</summary>
    public static string Unique(Func<string> draw, Func<string, bool> isTaken)
    {
        string id;
        do
        {
            id = draw();
        }
        while (isTaken(id));
        return id;
    }
}
