using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ApiGatewayTools.LocalGateway.Http;

namespace ApiGatewayTools.LocalGateway.Auth;

/// <summary>
/// Refuses requests as AWS does before any operation runs: unsigned, malformed signature, and (in
/// strict mode) an unknown access key or a signature that does not verify. Without strict keys
/// any well-formed SigV4 request passes, so every AWS client works with throw-away credentials.
/// </summary>
internal sealed class SigV4Authenticator(string? strictAccessKey, string? strictSecretKey)
{
    private const string Algorithm = "AWS4-HMAC-SHA256";
    private const string BasicDateFormat = "yyyyMMdd'T'HHmmss'Z'";
    /// <summary>How far a signing time may be from the server's clock, as AWS allows.</summary>
    private static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Everything that can be refused from the request line and headers alone: unsigned, malformed, an
    /// unknown key, a stale date. Run before the body is read, so a refused caller costs no buffering.
    /// </summary>
    public void CheckHead(GatewayRequest request) => ReadAcceptedSignature(request);

    /// <summary>The whole check, body included; in strict mode the signature must verify against the configured secret.</summary>
    public void Authenticate(GatewayRequest request)
    {
        if (ReadAcceptedSignature(request) is { } signature && !Verifies(request, signature))
        {
            throw new GatewayError(403, "InvalidSignatureException",
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
        }
    }

    /// <summary>The signature when strict keys are configured and it passed the header checks; null when any well-formed signature will do.</summary>
    private SignatureParts? ReadAcceptedSignature(GatewayRequest request)
    {
        var signature = ReadSignature(request)
            ?? throw new GatewayError(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
        if (strictAccessKey is null || strictSecretKey is null)
        {
            return null;
        }
        if (signature.AccessKey != strictAccessKey)
        {
            throw new GatewayError(403, "UnrecognizedClientException", "The security token included in the request is invalid.");
        }
        EnsureCurrent(signature.Date);
        return signature;
    }

    /// <summary>The signature from the Authorization header or the presigned query; null when neither is there.</summary>
    private static SignatureParts? ReadSignature(GatewayRequest request)
    {
        if (request.Headers["Authorization"] is { } header)
        {
            return ParseHeader(header, request.Headers["X-Amz-Date"] ?? request.Headers["Date"]);
        }
        if (request.QueryValue("X-Amz-Signature") is null)
        {
            return null;
        }
        var algorithm = request.QueryValue("X-Amz-Algorithm");
        var credential = request.QueryValue("X-Amz-Credential");
        var signedHeaders = request.QueryValue("X-Amz-SignedHeaders");
        var date = request.QueryValue("X-Amz-Date");
        if (algorithm != Algorithm || credential is null || signedHeaders is null || date is null)
        {
            throw Incomplete("A presigned request requires X-Amz-Algorithm=AWS4-HMAC-SHA256, X-Amz-Credential, X-Amz-SignedHeaders, X-Amz-Date and X-Amz-Signature query parameters.");
        }
        return Build(credential, signedHeaders, request.QueryValue("X-Amz-Signature")!, date, fromQuery: true);
    }

    private static SignatureParts ParseHeader(string header, string? date)
    {
        if (!header.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            throw Incomplete($"Authorization header requires the {Algorithm} algorithm. Authorization={header.Split(' ')[0]}");
        }
        var parameters = header[(Algorithm.Length + 1)..]
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0], StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First()[1], StringComparer.Ordinal);
        var missing = new[] { "Credential", "SignedHeaders", "Signature" }.Where(name => !parameters.ContainsKey(name)).ToList();
        if (missing.Count > 0)
        {
            throw Incomplete(string.Join(" ", missing.Select(name => $"Authorization header requires '{name}' parameter.")));
        }
        if (date is null)
        {
            throw Incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }
        return Build(parameters["Credential"], parameters["SignedHeaders"], parameters["Signature"], date, fromQuery: false);
    }

    private static SignatureParts Build(string credential, string signedHeaders, string signature, string date, bool fromQuery)
    {
        // Credential = {accessKey}/{yyyyMMdd}/{region}/{service}/aws4_request
        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[0].Length == 0 || scope[4] != "aws4_request" || scope[1].Length != 8)
        {
            throw Incomplete($"Credential should be scoped to a valid region, service and date: {credential}");
        }
        if (signature.Length != 64 || !signature.All(Uri.IsHexDigit))
        {
            throw Incomplete("Signature should be a 64-character hexadecimal string.");
        }
        if (!DateTime.TryParseExact(date, BasicDateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out _)
            && !DateTime.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out _))
        {
            throw Incomplete($"Date must be in ISO-8601 'basic format': {date}");
        }
        return new SignatureParts(scope[0], string.Join('/', scope[1..]), signedHeaders.Split(';'), signature.ToLowerInvariant(), date, fromQuery);
    }

    private static void EnsureCurrent(string date)
    {
        if (!DateTime.TryParseExact(date, BasicDateFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            return;
        }
        var now = DateTime.UtcNow;
        string Basic(DateTime time) => time.ToString(BasicDateFormat, CultureInfo.InvariantCulture);
        if (signedAt < now - AllowedClockSkew)
        {
            throw new GatewayError(403, "InvalidSignatureException",
                $"Signature expired: {date} is now earlier than {Basic(now - AllowedClockSkew)} ({Basic(now)} - 5 min.)");
        }
        if (signedAt > now + AllowedClockSkew)
        {
            throw new GatewayError(403, "InvalidSignatureException",
                $"Signature not yet current: {date} is still later than {Basic(now + AllowedClockSkew)} ({Basic(now)} + 5 min.)");
        }
    }

    private bool Verifies(GatewayRequest request, SignatureParts signature)
    {
        // SDKs differ on whether the path is encoded once or twice (AWS signs it twice for most
        // services, as the canonical URI of an already-encoded path); accept either form.
        return new[] { EncodePath(request.RawPath), request.RawPath }.Distinct()
            .Any(path => CryptographicOperations.FixedTimeEquals(
                Encoding.ASCII.GetBytes(Compute(request, signature, path)),
                Encoding.ASCII.GetBytes(signature.Signature)));
    }

    private string Compute(GatewayRequest request, SignatureParts signature, string canonicalPath)
    {
        var canonicalRequest = string.Join('\n',
            request.Method,
            canonicalPath,
            CanonicalQuery(request, signature.FromQuery),
            string.Concat(signature.SignedHeaders.Select(name => $"{name}:{CanonicalHeaderValue(request, name)}\n")),
            string.Join(';', signature.SignedHeaders),
            PayloadHash(request, signature.FromQuery));
        var stringToSign = string.Join('\n', Algorithm, signature.Date, signature.Scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));
        var scope = signature.Scope.Split('/');
        var key = Encoding.UTF8.GetBytes("AWS4" + strictSecretKey);
        foreach (var part in scope)
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }
        return Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }

    private static string CanonicalQuery(GatewayRequest request, bool fromQuery) =>
        string.Join('&', request.Query
            .Where(pair => !(fromQuery && pair.Key == "X-Amz-Signature"))
            .Select(pair => (Key: UriEncode(pair.Key), Value: UriEncode(pair.Value)))
            .OrderBy(pair => pair.Key, StringComparer.Ordinal).ThenBy(pair => pair.Value, StringComparer.Ordinal)
            .Select(pair => $"{pair.Key}={pair.Value}"));

    private static string CanonicalHeaderValue(GatewayRequest request, string name)
    {
        var value = request.Headers[name] ?? "";
        return string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>
    /// The hash of the body actually received: x-amz-content-sha256 is only a claim, and trusting it
    /// would let a changed body pass. A presigned request carries no body hash.
    /// </summary>
    private static string PayloadHash(GatewayRequest request, bool fromQuery) =>
        fromQuery ? "UNSIGNED-PAYLOAD" : Hex(SHA256.HashData(request.Body));

    private static string EncodePath(string rawPath) => string.Join('/', rawPath.Split('/').Select(UriEncode));

    /// <summary>RFC 3986 encoding as SigV4 wants it: everything but unreserved characters, upper-case hex.</summary>
    private static string UriEncode(string value)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    private static GatewayError Incomplete(string message) => new(403, "IncompleteSignatureException", message);

    private sealed record SignatureParts(string AccessKey, string Scope, string[] SignedHeaders, string Signature, string Date, bool FromQuery);
}
