using ApiGatewayTools.Engine.Domain;
using ApiGatewayTools.Engine.Errors;
using ApiGatewayTools.Engine.Models;

namespace ApiGatewayTools.Tests.Engine;

/// <summary>The resource policy checked before it is sent, built for the common cases, and read back from AWS's escaped string.</summary>
public sealed class ResourcePolicyDocumentTests
{
    private const string Allow = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*"}]}""";

    [Fact]
    public void A_policy_is_sent_minified_as_replace_policy_and_remove_policy_clears_it()
    {
        var current = new RestApi { RestApiId = "a1", Name = "pets" };
        var spaced = Allow.Replace(",", ", ");
        var operations = RestApiPatch.Operations(RestApiPatch.Validate(new RestApiSettings { Policy = spaced }), current);
        var operation = Assert.Single(operations);
        Assert.Equal(("replace", "/policy", Allow), (operation.Op, operation.Path, operation.Value));

        var withPolicy = current with { Policy = ResourcePolicy.FromAws(Allow) };
        var clear = Assert.Single(RestApiPatch.Operations(new RestApiSettings { RemovePolicy = true }, withPolicy));
        Assert.Equal(("replace", "/policy", ""), (clear.Op, clear.Path, clear.Value));
        Assert.Empty(RestApiPatch.Operations(new RestApiSettings { RemovePolicy = true }, current));
        Assert.Equal(RestApiPatch.PolicyConflictErrorId, Assert.Throws<GwValidationException>(() =>
            RestApiPatch.Validate(new RestApiSettings { Policy = Allow, RemovePolicy = true })).ErrorId);
    }

    [Theory]
    [InlineData("{", ResourcePolicyDocument.InvalidPolicyErrorId, "not valid JSON")]
    [InlineData("""{"Statement":[]}""", ResourcePolicyDocument.InvalidPolicyErrorId, "Version")]
    [InlineData("""{"Version":"2012-10-17","Statement":[]}""", ResourcePolicyDocument.InvalidPolicyErrorId, "Statement")]
    [InlineData("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"*"}}""", ResourcePolicyDocument.InvalidPolicyErrorId, "Statement 1 needs a Principal")]
    [InlineData("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Resource":"*"}}""", ResourcePolicyDocument.InvalidPolicyErrorId, "needs a Action")]
    [InlineData("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Effects":1}}""", ResourcePolicyDocument.InvalidPolicyErrorId, "'Effects'")]
    [InlineData("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"1234"},"Action":"*","Resource":"*"}}""", ResourcePolicyDocument.InvalidAccountIdErrorId, "'1234'")]
    [InlineData("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":["10.0.0.0/8","fe80::/129"]}}}}""", ResourcePolicyDocument.InvalidSourceIpErrorId, "'fe80::/129'")]
    public void A_document_API_Gateway_would_refuse_is_refused_before_sending(string json, string errorId, string says)
    {
        var refused = Assert.Throws<GwValidationException>(() => ResourcePolicyDocument.Validate(json));
        Assert.Equal(errorId, refused.ErrorId);
        Assert.Contains(says, refused.Message);
    }

    [Fact]
    public void The_common_policies_are_built_with_deny_for_the_ranges_and_accounts_as_root_principals()
    {
        var policy = ResourcePolicyDocument.Build(new ResourcePolicyRequest
        {
            AllowSourceIp = ["10.0.0.0/8"], DenySourceIp = ["10.1.0.0/16"], AllowAccount = ["111122223333"], RestApiId = "abc123", StageName = "prod",
        });
        Assert.Equal(
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:root"]},"Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:*:*:abc123/prod/*"},"""
            + """{"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:*:*:abc123/prod/*","Condition":{"NotIpAddress":{"aws:SourceIp":["10.0.0.0/8"]}}},"""
            + """{"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:*:*:abc123/prod/*","Condition":{"IpAddress":{"aws:SourceIp":["10.1.0.0/16"]}}}]}""",
            policy.ToJson());
        Assert.Equal(policy.ToJson(), ResourcePolicyDocument.Validate(policy.ToJson()).ToJson());
        Assert.Equal(ResourcePolicyDocument.EmptyPolicyErrorId,
            Assert.Throws<GwValidationException>(() => ResourcePolicyDocument.Build(new ResourcePolicyRequest { StageName = "prod" })).ErrorId);
    }

    [Fact]
    public void AWS_escaped_string_reads_back_as_the_document_and_a_summary_line_per_statement()
    {
        const string Escaped = """{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"execute-api:Invoke\",\"Resource\":\"arn:aws:execute-api:us-east-1:123456789012:abc123\/*\",\"Condition\":{\"NotIpAddress\":{\"aws:SourceIp\":\"10.0.0.0\/8\"}}}]}""";
        var policy = ResourcePolicy.FromAws(Escaped)!;
        Assert.Equal("2012-10-17", policy.Version);
        Assert.Equal("arn:aws:execute-api:us-east-1:123456789012:abc123/*", policy.Statement[0]["Resource"]);
        Assert.Equal("Deny * on abc123/* if NotIpAddress aws:SourceIp 10.0.0.0/8", policy.ToString());
        Assert.Null(ResourcePolicy.FromAws(null));
    }
}
