using System.Security.Cryptography;

namespace ApiGatewayTools.LocalGateway.State;

/// <summary>API Gateway style identifiers: 10 lowercase letters and digits.</summary>
internal static class IdGenerator
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static string NewId() => RandomNumberGenerator.GetString(Alphabet, 10);
}
