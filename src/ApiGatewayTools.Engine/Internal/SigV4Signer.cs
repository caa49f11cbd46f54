using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ApiGatewayTools.Engine.Internal;

/// <summary>What one SigV4 signature covers. Header names may be in any case; values are trimmed.</summary>
internal sealed record SigV4Request(
    string Method,
    string CanonicalUri,
    IReadOnlyList<KeyValuePair<string, string>> Query,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body);

internal sealed record SigV4Scope(string Region, string Service, DateTime SignedAtUtc);

internal sealed record SigV4Result(string CanonicalRequest, string StringToSign, string SignedHeaders, string Signature, string Authorization);

/// <summary>
/// AWS Signature Version 4 (header form), small enough to read in one sitting and checked against
/// AWS's published test-suite vectors. API Gateway and Lambda do not need x-amz-content-sha256.
/// </summary>
internal static class SigV4Signer
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string DateFormat = "yyyyMMdd'T'HHmmss'Z'";

    public static string FormatAmzDate(DateTime utc) => utc.ToString(DateFormat, CultureInfo.InvariantCulture);

    public static SigV4Result Sign(SigV4Request request, SigV4Scope scope, string accessKey, string secretKey)
    {
        var headers = request.Headers
            .Select(h => (Name: h.Key.Trim().ToLowerInvariant(), Value: CollapseSpaces(h.Value)))
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .ToList();
        var signedHeaders = string.Join(";", headers.Select(h => h.Name));
        var canonicalRequest = string.Join("\n",
            request.Method.ToUpperInvariant(),
            request.CanonicalUri,
            CanonicalQuery(request.Query),
            string.Concat(headers.Select(h => $"{h.Name}:{h.Value}\n")),
            signedHeaders,
            HexSha256(request.Body));

        var date = scope.SignedAtUtc.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var credentialScope = $"{date}/{scope.Region}/{scope.Service}/aws4_request";
        var stringToSign = string.Join("\n",
            Algorithm,
            FormatAmzDate(scope.SignedAtUtc),
            credentialScope,
            HexSha256(Encoding.UTF8.GetBytes(canonicalRequest)));

        var key = SigningKey(secretKey, date, scope.Region, scope.Service);
        var signature = Convert.ToHexString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign))).ToLowerInvariant();
        var authorization = $"{Algorithm} Credential={accessKey}/{credentialScope}, SignedHeaders={signedHeaders}, Signature={signature}";
        return new SigV4Result(canonicalRequest, stringToSign, signedHeaders, signature, authorization);
    }

    /// <summary>
    /// Every service except S3 signs the path encoded once more than it travels on the wire, so the
    /// canonical form of an already-encoded path is each segment encoded again ('%' becomes '%25').
    /// </summary>
    public static string CanonicalUri(string wirePath) =>
        wirePath.Length == 0 ? "/" : string.Join("/", wirePath.Split('/').Select(Uri.EscapeDataString));

    private static string CanonicalQuery(IReadOnlyList<KeyValuePair<string, string>> query) =>
        string.Join("&", query
            .Select(p => (Key: Uri.EscapeDataString(p.Key), Value: Uri.EscapeDataString(p.Value)))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value}"));

    private static byte[] SigningKey(string secretKey, string date, string region, string service)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secretKey), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        return HMACSHA256.HashData(key, "aws4_request"u8.ToArray());
    }

    private static string HexSha256(byte[] data) => Convert.ToHexString(SHA256.HashData(data)).ToLowerInvariant();

    private static string CollapseSpaces(string value) => string.Join(' ', value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
