using System.Net;
using ApiGatewayTools.LocalGateway.DataPlane.Policies;

namespace ApiGatewayTools.Tests.LocalGateway.Policies;

public sealed class IamPolicyTests
{
    private const string Arn = "arn:aws:execute-api:us-east-1:000000000000:abc123/prod/GET/pets/1";
    private static readonly PolicyCaller Signed = new("111122223333", "arn:aws:iam::111122223333:user/alice");

    private static PolicyRequest Request(string ip = "192.0.2.10", PolicyCaller? caller = null, string resource = Arn, string action = "execute-api:Invoke") =>
        new(action, resource, caller ?? PolicyCaller.Anonymous, IPAddress.Parse(ip));

    private static PolicyDecision Decide(string json, PolicyRequest request, PolicyKind kind = PolicyKind.Resource) =>
        IamPolicy.Parse(json, kind).Evaluate(request);

    private static string Statement(string effect, string resource = "execute-api:/*", string extra = "", string principal = "\"Principal\":\"*\",") =>
        $$"""{"Effect":"{{effect}}",{{principal}}"Action":"execute-api:Invoke","Resource":"{{resource}}"{{extra}}}""";

    private static string Policy(params string[] statements) => $$"""{"Version":"2012-10-17","Statement":[{{string.Join(",", statements)}}]}""";

    [Fact]
    public void An_allow_allows_and_no_statement_that_applies_is_an_implicit_deny()
    {
        var policy = Policy(Statement("Allow", "arn:aws:execute-api:us-east-1:000000000000:abc123/*/GET/*"));
        Assert.Equal(PolicyDecision.Allow, Decide(policy, Request()));
        Assert.Equal(PolicyDecision.ImplicitDeny, Decide(policy, Request(resource: Arn.Replace("/GET/", "/POST/"))));
        Assert.Equal(PolicyDecision.ImplicitDeny, Decide(policy, Request(action: "execute-api:InvalidateCache")));
    }

    [Fact]
    public void An_explicit_deny_wins_over_any_allow_whatever_the_order()
    {
        var deny = Statement("Deny", "arn:aws:execute-api:*:*:abc123/prod/*");
        var allow = Statement("Allow", "*");
        Assert.Equal(PolicyDecision.ExplicitDeny, Decide(Policy(allow, deny), Request()));
        Assert.Equal(PolicyDecision.ExplicitDeny, Decide(Policy(deny, allow), Request()));
        Assert.Equal(PolicyDecision.Allow, Decide(Policy(allow, deny), Request(resource: Arn.Replace("/prod/", "/test/"))));
    }

    [Theory]
    [InlineData("arn:aws:execute-api:us-east-1:000000000000:abc123/prod/GET/pets/?", true)]
    [InlineData("arn:aws:execute-api:us-east-1:000000000000:abc123/prod/GET/pets/??", false)]
    [InlineData("arn:aws:execute-api:us-east-1:000000000000:abc123/*", true)]
    [InlineData("arn:aws:execute-api:us-east-1:000000000000:abc123/*/*/pets/*", true)]
    [InlineData("arn:aws:execute-api:us-east-1:000000000000:ABC123/*", false)]
    [InlineData("arn:aws:execute-api:us-east-1:000000000000:abc123/prod/GET/pets", false)]
    [InlineData("*", true)]
    public void Resources_match_with_star_and_question_mark_and_case(string resource, bool applies)
    {
        var decision = Decide(Policy(Statement("Allow", resource)), Request());
        Assert.Equal(applies ? PolicyDecision.Allow : PolicyDecision.ImplicitDeny, decision);
    }

    [Theory]
    [InlineData("execute-api:*", true)]
    [InlineData("EXECUTE-API:invoke", true)]
    [InlineData("execute-api:Inv?ke", true)]
    [InlineData("*", true)]
    [InlineData("execute-api:ManageConnections", false)]
    public void Actions_match_without_case(string action, bool applies)
    {
        var policy = $$$"""{"Statement":{"Effect":"Allow","Principal":"*","Action":["{{{action}}}"],"Resource":"*"}}""";
        Assert.Equal(applies ? PolicyDecision.Allow : PolicyDecision.ImplicitDeny, Decide(policy, Request()));
    }

    [Fact]
    public void NotAction_and_NotResource_cover_everything_else()
    {
        var policy = Policy("""{"Effect":"Deny","Principal":"*","NotAction":"execute-api:Invoke","Resource":"*"}""",
            """{"Effect":"Allow","Principal":"*","Action":"*","NotResource":"arn:aws:execute-api:*:*:abc123/admin/*"}""");
        Assert.Equal(PolicyDecision.Allow, Decide(policy, Request()));
        Assert.Equal(PolicyDecision.ExplicitDeny, Decide(policy, Request(action: "execute-api:InvalidateCache")));
        Assert.Equal(PolicyDecision.ImplicitDeny, Decide(policy, Request(resource: "arn:aws:execute-api:us-east-1:000000000000:abc123/admin/GET/")));
    }

    [Theory]
    [InlineData("192.0.2.10", "Allow")]
    [InlineData("192.0.2.255", "Allow")]
    [InlineData("::ffff:192.0.2.7", "Allow")]
    [InlineData("198.51.100.1", "ImplicitDeny")]
    [InlineData("2001:db8:1::5", "Allow")]
    [InlineData("2001:db9::5", "ImplicitDeny")]
    [InlineData("203.0.113.9", "Allow")]
    public void IpAddress_matches_IPv4_and_IPv6_ranges_and_single_addresses(string ip, string expected)
    {
        var condition = ""","Condition":{"IpAddress":{"aws:SourceIp":["192.0.2.99/24","2001:db8::/32","203.0.113.9"]}}""";
        Assert.Equal(Enum.Parse<PolicyDecision>(expected), Decide(Policy(Statement("Allow", "*", condition)), Request(ip)));
    }

    [Fact]
    public void A_deny_outside_the_allowed_ranges_refuses_every_other_address()
    {
        var policy = Policy(Statement("Allow"), Statement("Deny", "execute-api:/*",
            ""","Condition":{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}"""));
        Assert.Equal(PolicyDecision.Allow, Decide(policy.Replace("execute-api:/*", "*"), Request("10.1.2.3")));
        Assert.Equal(PolicyDecision.ExplicitDeny, Decide(policy.Replace("execute-api:/*", "*"), Request("127.0.0.1")));
    }

    [Fact]
    public void Principals_name_accounts_arns_or_everyone_and_anonymous_callers_match_only_everyone()
    {
        string ForPrincipal(string principal) => Policy(Statement("Allow", "*", principal: $"\"Principal\":{principal},"));
        Assert.Equal(PolicyDecision.Allow, Decide(ForPrincipal("""{"AWS":"*"}"""), Request()));
        Assert.Equal(PolicyDecision.ImplicitDeny, Decide(ForPrincipal("""{"AWS":"111122223333"}"""), Request()));
        Assert.Equal(PolicyDecision.Allow, Decide(ForPrincipal("""{"AWS":"111122223333"}"""), Request(caller: Signed)));
        Assert.Equal(PolicyDecision.Allow, Decide(ForPrincipal("""{"AWS":["arn:aws:iam::111122223333:root"]}"""), Request(caller: Signed)));
        Assert.Equal(PolicyDecision.Allow, Decide(ForPrincipal("""{"AWS":"arn:aws:iam::111122223333:user/alice"}"""), Request(caller: Signed)));
        Assert.Equal(PolicyDecision.ImplicitDeny, Decide(ForPrincipal("""{"AWS":"arn:aws:iam::111122223333:user/bob"}"""), Request(caller: Signed)));
        Assert.Equal(PolicyDecision.ImplicitDeny, Decide(ForPrincipal("""{"Service":"lambda.amazonaws.com"}"""), Request(caller: Signed)));

        var notPrincipal = Policy(Statement("Allow", "*"), """{"Effect":"Deny","NotPrincipal":{"AWS":"111122223333"},"Action":"*","Resource":"*"}""");
        Assert.Equal(PolicyDecision.ExplicitDeny, Decide(notPrincipal, Request()));
        Assert.Equal(PolicyDecision.Allow, Decide(notPrincipal, Request(caller: Signed)));
    }

    [Fact]
    public void String_conditions_compare_context_keys_and_missing_keys_match_only_negated_operators()
    {
        string With(string condition) => Policy(Statement("Allow", "*", $",\"Condition\":{condition}"));
        Assert.Equal(PolicyDecision.Allow, Decide(With("""{"StringEquals":{"aws:PrincipalAccount":"111122223333"}}"""), Request(caller: Signed)));
        Assert.Equal(PolicyDecision.ImplicitDeny, Decide(With("""{"StringEquals":{"aws:PrincipalAccount":"111122223333"}}"""), Request()));
        Assert.Equal(PolicyDecision.Allow, Decide(With("""{"StringNotEquals":{"aws:PrincipalAccount":"111122223333"}}"""), Request()));
        Assert.Equal(PolicyDecision.Allow, Decide(With("""{"StringLike":{"aws:PrincipalArn":"arn:aws:iam::*:user/a*"}}"""), Request(caller: Signed)));
        Assert.Equal(PolicyDecision.ImplicitDeny, Decide(With("""{"StringLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/*"}}"""), Request(caller: Signed)));
        Assert.Equal(PolicyDecision.Allow, Decide(With("""{"StringEqualsIfExists":{"aws:SourceVpce":"vpce-1a2b3c4d"}}"""), Request()));
        Assert.Equal(PolicyDecision.ImplicitDeny, Decide(With("""{"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}}"""), Request()));
        Assert.Equal(PolicyDecision.Allow, Decide(With("""{"Null":{"aws:SourceVpce":"true"}}"""), Request()));
        // Every condition must hold.
        Assert.Equal(PolicyDecision.ImplicitDeny, Decide(With(
            """{"IpAddress":{"aws:SourceIp":"192.0.2.0/24"},"StringEquals":{"aws:PrincipalAccount":"111122223333"}}"""), Request()));
    }

    [Fact]
    public void An_identity_policy_needs_no_principal_and_a_single_statement_object_is_enough()
    {
        var authorizerPolicy = """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:us-east-1:000000000000:abc123/prod/*"}}""";
        Assert.Equal(PolicyDecision.Allow, Decide(authorizerPolicy, Request(), PolicyKind.Identity));
        var refused = Assert.Throws<MalformedPolicyException>(() => IamPolicy.Parse(authorizerPolicy, PolicyKind.Resource));
        Assert.Contains("no Principal", refused.Message);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("""{"Version":"2012-10-17"}""", "no Statement")]
    [InlineData("""{"Statement":[]}""", "non-empty array")]
    [InlineData("""{"Version":"2020-01-01","Statement":[]}""", "Version must be")]
    [InlineData("""{"Statement":{"Effect":"Permit","Principal":"*","Action":"*","Resource":"*"}}""", "Effect 'Permit'")]
    [InlineData("""{"Statement":{"Principal":"*","Action":"*","Resource":"*"}}""", "no Effect")]
    [InlineData("""{"Statement":{"Effect":"Allow","Principal":"*","Resource":"*"}}""", "no Action")]
    [InlineData("""{"Statement":{"Effect":"Allow","Principal":"*","Action":"*","NotAction":"*","Resource":"*"}}""", "both Action and NotAction")]
    [InlineData("""{"Statement":{"Effect":"Allow","Principal":"*","Action":"Invoke","Resource":"*"}}""", "service:action")]
    [InlineData("""{"Statement":{"Effect":"Allow","Principal":"*","Action":"*","Resource":"abc123/*"}}""", "must be an ARN")]
    [InlineData("""{"Statement":{"Effect":"Allow","Principal":"*","Action":"*","Resource":[]}}""", "non-empty array")]
    [InlineData("""{"Statement":{"Effect":"Allow","Principal":"everyone","Action":"*","Resource":"*"}}""", "Principal must be")]
    [InlineData("""{"Statement":{"Effect":"Allow","Principal":{"AWS":"12345"},"Action":"*","Resource":"*"}}""", "not a valid AWS principal")]
    [InlineData("""{"Statement":{"Effect":"Allow","Principal":{"Users":"*"},"Action":"*","Resource":"*"}}""", "type 'Users'")]
    [InlineData("""{"Statement":{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"192.0.2.0/33"}}}}""", "not an IP address or CIDR")]
    [InlineData("""{"Statement":{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.300/8"}}}}""", "not an IP address or CIDR")]
    [InlineData("""{"Statement":{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"IpMatches":{"aws:SourceIp":"10.0.0.0/8"}}}}""", "not an IAM condition operator")]
    [InlineData("""{"Statement":{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Effects":"x"}}""", "not a statement element")]
    public void Malformed_documents_are_refused_with_the_reason(string json, string reason)
    {
        Assert.Null(IamPolicy.TryParse(json, PolicyKind.Resource, out var why));
        Assert.Contains(reason, why);
    }
}
