using System.Text;
using ApiGatewayTools.Engine.Internal;

namespace ApiGatewayTools.Tests.Engine;

/// <summary>AWS's published Signature Version 4 test-suite vectors (credentials AKIDEXAMPLE, 2015-08-30T12:36:00Z, us-east-1, service).</summary>
public sealed class SigV4SignerTests
{
    private const string AccessKey = "AKIDEXAMPLE";
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static readonly SigV4Scope Scope = new("us-east-1", "service", new DateTime(2015, 8, 30, 12, 36, 0, DateTimeKind.Utc));

    private static Dictionary<string, string> BaseHeaders() => new() { ["Host"] = "example.amazonaws.com", ["X-Amz-Date"] = "20150830T123600Z" };

    [Fact]
    public void GetVanilla()
    {
        var result = SigV4Signer.Sign(new SigV4Request("GET", "/", [], BaseHeaders(), []), Scope, AccessKey, SecretKey);

        Assert.Equal("GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", result.CanonicalRequest);
        Assert.Equal("AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nbb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63", result.StringToSign);
        Assert.Equal("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", result.Authorization);
    }

    [Fact]
    public void GetVanillaQueryOrderKeyCase()
    {
        var query = new List<KeyValuePair<string, string>> { new("Param2", "value2"), new("Param1", "value1") };

        var result = SigV4Signer.Sign(new SigV4Request("GET", "/", query, BaseHeaders(), []), Scope, AccessKey, SecretKey);

        Assert.Equal("b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500", result.Signature);
    }

    [Fact]
    public void PostVanilla()
    {
        var result = SigV4Signer.Sign(new SigV4Request("POST", "/", [], BaseHeaders(), []), Scope, AccessKey, SecretKey);

        Assert.Equal("5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b", result.Signature);
    }

    [Fact]
    public void PostXWwwFormUrlencoded()
    {
        var headers = BaseHeaders();
        headers["Content-Type"] = "application/x-www-form-urlencoded";

        var result = SigV4Signer.Sign(new SigV4Request("POST", "/", [], headers, Encoding.UTF8.GetBytes("Param1=value1")), Scope, AccessKey, SecretKey);

        Assert.Equal("POST\n/\n\ncontent-type:application/x-www-form-urlencoded\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\ncontent-type;host;x-amz-date\n9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e", result.CanonicalRequest);
        Assert.Equal("AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n42a5e5bb34198acb3e84da4f085bb7927f2bc277ca766e6d19c73c2154021281", result.StringToSign);
        Assert.Equal("ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a", result.Signature);
    }

    [Fact]
    public void CanonicalUriEncodesTheWirePathOnceMore()
    {
        // A Lambda ARN travels as arn%3Aaws...; every service but S3 signs it as arn%253Aaws...
        Assert.Equal("/2015-03-31/functions/arn%253Aaws%253Alambda/policy", SigV4Signer.CanonicalUri("/2015-03-31/functions/arn%3Aaws%3Alambda/policy"));
        Assert.Equal("/restapis/abc/resources", SigV4Signer.CanonicalUri("/restapis/abc/resources"));
        Assert.Equal("/", SigV4Signer.CanonicalUri(""));
    }

    [Fact]
    public void SessionTokenIsASignedHeader()
    {
        var headers = BaseHeaders();
        headers["X-Amz-Security-Token"] = "token";

        var result = SigV4Signer.Sign(new SigV4Request("GET", "/", [], headers, []), Scope, AccessKey, SecretKey);

        Assert.Equal("host;x-amz-date;x-amz-security-token", result.SignedHeaders);
        Assert.NotEqual("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", result.Signature);
    }
}
