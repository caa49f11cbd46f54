using System.Globalization;
using System.Text;
using CsCheck;

namespace ApiGatewayTools.Tests.LocalGateway.Properties;

/// <summary>
/// Generators of hostile input for the gateway: strings, path segments, query strings and JSON bodies that are
/// well-formed in shape but carry values a careless handler chokes on (huge, unicode, lone surrogates, control
/// characters, wrong types, deep nesting), and raw bytes that are not JSON or not UTF-8 at all.
/// </summary>
internal static class HostileInput
{
    /// <summary>Values that have broken parsers before: empty, template syntax, path tricks, numbers out of range.</summary>
    private static readonly string[] Notorious =
    [
        "", " ", "\0", "\u0001\u001f", "\u007f", "\t\r\n", "é", "日本語", "😀", "\u202e", "\ufeff", "\uffff", "../..", "/", "//", ".",
        "%", "%2F", "{x}", "{proxy+}", "${stageVariables.x}", "$input.json('$')", "#foreach($i in [1..99999999])x#end", "#set($a = $a)",
        "<script>", "' OR 1=1 --", "null", "true", "-1", "0", "1e309", "NaN", "-0", "99999999999999999999", "*", "*/*", "ANY", "GET",
        "arn:aws:execute-api:us-east-1:000000000000:abc/*/GET/", "arn:aws:lambda:us-east-1:000000000000:function:hello",
        "arn:aws:apigateway:us-east-1::/restapis/x", "arn:", "arn:aws:apigateway:us-east-1::/restapis/x/stages/y",
        "http://", "http://[::1", "https://example.com:99999/x", "method.request.header.x", "integration.response.body",
        "application/json", "4\\d{2}", "(", "[a-", "default",
    ];

    private static readonly Gen<string> Unicode = Gen.Char.Array[0, 24].Select(chars => new string(chars));

    /// <summary>Strings of every kind: notorious, arbitrary UTF-16 (lone surrogates included), printable, and long.</summary>
    public static readonly Gen<string> String = Gen.Frequency(
        (4, (IGen<string>)Gen.OneOf(Notorious)),
        (3, Unicode),
        (3, Gen.String[Gen.Char.AlphaNumeric, 1, 12]),
        (1, Gen.Int[1_000, 400_000].Select(length => new string('x', length))));

    /// <summary>
    /// The names the operations read from their bodies: a generated body addresses real fields, so the hostile
    /// values reach the handlers instead of being ignored as unknown members.
    /// </summary>
    private static readonly string[] FieldNames =
    [
        "name", "description", "version", "pathPart", "authorizationType", "authorizerId", "apiKeyRequired", "operationName",
        "requestValidatorId", "requestParameters", "requestModels", "methodResponses", "type", "httpMethod", "uri",
        "connectionType", "credentials", "requestTemplates", "passthroughBehavior", "contentHandling", "timeoutInMillis",
        "cacheNamespace", "cacheKeyParameters", "tlsConfig", "selectionPattern", "responseParameters", "responseTemplates",
        "responseModels", "statusCode", "stageName", "stageDescription", "deploymentId", "cacheClusterEnabled",
        "cacheClusterSize", "variables", "tags", "tagKeys", "canarySettings", "percentTraffic", "stageVariableOverrides",
        "useStageCache", "tracingEnabled", "methodSettings", "accessLogSettings", "format", "destinationArn",
        "validateRequestBody", "validateRequestParameters", "endpointConfiguration", "types", "binaryMediaTypes",
        "minimumCompressionSize", "apiKeySource", "policy", "disableExecuteApiEndpoint", "cloneFrom", "headers", "body",
        "pathWithQueryString", "clientCertificateId", "multiValueHeaders", "StatementId", "Action", "Principal",
        "SourceArn", "SourceAccount", "RevisionId", "FunctionUrlAuthType", "EventSourceToken", "PrincipalOrgID",
    ];

    /// <summary>JSON text for any value: strings, numbers in and out of range, literals, and nested arrays and objects.</summary>
    public static readonly Gen<string> JsonValue = Gen.Recursive<string>((depth, inner) => depth >= 3
        ? Scalar
        : Gen.Frequency(
            (6, (IGen<string>)Scalar),
            (1, inner.Array[0, 4].Select(items => "[" + string.Join(",", items) + "]")),
            (1, Gen.Select(Gen.OneOf(FieldNames), inner).Array[0, 4].Select(ObjectText))));

    private static Gen<string> Scalar => Gen.Frequency(
        (6, (IGen<string>)String.Select(JsonString)),
        (1, Gen.OneOf("0", "-1", "1.5", "1e400", "-0", "123456789012345678901234567890", "3")),
        (1, Gen.OneOf("true", "false", "null")));

    /// <summary>The paths patch operations name, real ones and nonsense.</summary>
    private static readonly string[] PatchPaths =
    [
        "/name", "/description", "/version", "/pathPart", "/parentId", "/authorizationType", "/apiKeyRequired",
        "/requestParameters/method.request.header.x", "/requestModels/application~1json", "/requestTemplates/application~1json",
        "/responseTemplates/application~1json", "/responseParameters/method.response.header.x", "/selectionPattern",
        "/uri", "/type", "/httpMethod", "/timeoutInMillis", "/cacheKeyParameters/x", "/deploymentId", "/variables/x",
        "/variables/", "/tags/x", "/cacheClusterEnabled", "/cacheClusterSize", "/canarySettings/percentTraffic",
        "/canarySettings/deploymentId", "/canarySettings/stageVariableOverrides/x", "/canarySettings",
        "/*/*/throttling/rateLimit", "/*/*/throttling/burstLimit", "/*/*/caching/ttlInSeconds", "/*/*/caching/enabled",
        "/*/*/metrics/enabled", "/~1x/GET/throttling/rateLimit", "/accessLogSettings/format", "/accessLogSettings",
        "/validateRequestBody", "/validateRequestParameters", "/binaryMediaTypes/image~1png", "/endpointConfiguration/types/EDGE",
        "/minimumCompressionSize", "/policy", "/tracingEnabled", "/", "", "x", "/~", "/~2", "/a/b/c/d/e/f",
    ];

    private static readonly Gen<string> PatchOperation = Gen.Select(
        Gen.OneOf("add", "remove", "replace", "move", "copy", "test", "REPLACE", ""),
        Gen.Frequency((4, (IGen<string>)Gen.OneOf(PatchPaths)), (1, String)),
        Gen.Frequency((4, (IGen<string>)String.Select(JsonString)), (1, JsonValue), (1, Gen.Const((string?)null))),
        Gen.Frequency((5, (IGen<string?>)Gen.Const((string?)null)), (1, Gen.OneOf(PatchPaths).Select(path => (string?)path))),
        (op, path, value, from) =>
        {
            var members = new List<(string, string)> { ("op", JsonString(op)), ("path", JsonString(path)) };
            if (value is not null)
            {
                members.Add(("value", value));
            }
            if (from is not null)
            {
                members.Add(("from", JsonString(from)));
            }
            return ObjectText(members.ToArray());
        });

    /// <summary>Bytes no JSON reader should accept quietly.</summary>
    private static readonly Gen<byte[]> MalformedBytes = Gen.OneOf(
        Gen.Const<byte[]>(() => Encoding.UTF8.GetBytes("{\"name\":\"bad").Concat(new byte[] { 0xC3, 0x28, 0x22, 0x7D }).ToArray()),
        Gen.Const<byte[]>(() => new byte[] { 0x7B, 0x22, 0x6E, 0x22, 0x3A, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x7D }),
        Gen.Const<byte[]>(() => new byte[] { 0xEF, 0xBB, 0xBF, 0x7B, 0x7D }),
        Gen.Const<byte[]>(() => new byte[] { 0xFF, 0xFE, 0x00, 0x7B }),
        Gen.Const<byte[]>(() => Encoding.UTF8.GetBytes("{\"name\":")),
        Gen.Const<byte[]>(() => Encoding.UTF8.GetBytes("{\"name\":\"a\"}{\"name\":\"b\"}")),
        Gen.Const<byte[]>(() => Encoding.UTF8.GetBytes("{\"name\":\"a\",\"name\":\"b\"}")),
        Gen.Const<byte[]>(() => Encoding.UTF8.GetBytes("not json")),
        Gen.Const<byte[]>(() => Encoding.UTF8.GetBytes("[]")),
        Gen.Const<byte[]>(() => Encoding.UTF8.GetBytes("\"just a string\"")),
        Gen.Const<byte[]>(() => Encoding.UTF8.GetBytes("{\"name\":\"\0\"}")),
        Gen.Const<byte[]>(() => Encoding.UTF8.GetBytes(new string('[', 5_000) + new string(']', 5_000))),
        Gen.Const<byte[]>(() => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 2_000)) + "1" + new string('}', 2_000))),
        Gen.Const<byte[]>(() => Encoding.UTF8.GetBytes("{\"patchOperations\":" + new string('[', 3_000) + new string(']', 3_000) + "}")),
        Gen.Byte.Array[1, 64]);

    /// <summary>A request body: a known-shape object with hostile values, a patch document, or malformed bytes.</summary>
    public static readonly Gen<byte[]?> Body = Gen.Frequency(
        (1, (IGen<byte[]?>)Gen.Const((byte[]?)null)),
        (5, Gen.Select(Gen.OneOf(FieldNames), JsonValue).Array[0, 6].Select(members => (byte[]?)Encoding.UTF8.GetBytes(ObjectText(members)))),
        (3, PatchOperation.Array[0, 4].Select(operations => (byte[]?)Encoding.UTF8.GetBytes($"{{\"patchOperations\":[{string.Join(",", operations)}]}}"))),
        (2, MalformedBytes.Select(bytes => (byte[]?)bytes)));

    /// <summary>Percent-encoded text for a path segment or query value, or raw escapes that decode to nothing valid.</summary>
    public static readonly Gen<string> EncodedText = Gen.Frequency(
        (6, (IGen<string>)String.Select(PercentEncode)),
        (1, Gen.OneOf("%ZZ", "%", "%C3%28", "%ED%A0%80", "%00", "%FF%FE", "%2e%2e", "..", ".", "a%2Fb", "%25", "+", "~")));

    private static readonly string[] QueryNames =
    [
        "limit", "position", "embed", "mode", "failonwarnings", "flatten", "includeValues", "Qualifier", "Marker", "MaxItems",
        "FunctionVersion", "RevisionId", "tagKeys", "extensions", "X-Amz-Signature",
    ];

    /// <summary>"" or "?a=b&amp;..." with the operations' query names and hostile values.</summary>
    public static readonly Gen<string> Query = Gen.Frequency(
        (2, (IGen<string>)Gen.Const("")),
        (3, Gen.Select(Gen.Frequency((5, (IGen<string>)Gen.OneOf(QueryNames)), (1, EncodedText)), EncodedText).Array[1, 3]
            .Select(pairs => "?" + string.Join("&", pairs.Select(pair => $"{pair.Item1}={pair.Item2}")))));

    public static readonly Gen<string> ContentType = Gen.OneOf("application/json", "application/x-amz-json-1.1", "text/plain", "application/json; charset=latin1", "");

    public static string PercentEncode(string text) =>
        string.Concat(Encoding.UTF8.GetBytes(text).Select(b =>
            (b is >= (byte)'a' and <= (byte)'z') || (b is >= (byte)'A' and <= (byte)'Z') || (b is >= (byte)'0' and <= (byte)'9') || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~'
                ? ((char)b).ToString()
                : "%" + b.ToString("X2", CultureInfo.InvariantCulture)));

    /// <summary>A JSON string literal that writes control characters and every surrogate (lone ones included) as \u escapes.</summary>
    public static string JsonString(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            if (c is '"' or '\\' || c < ' ' || char.IsSurrogate(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.Append('"').ToString();
    }

    private static string ObjectText((string Name, string Value)[] members) =>
        "{" + string.Join(",", members.Select(member => $"{JsonString(member.Name)}:{member.Value}")) + "}";
}
