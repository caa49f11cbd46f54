using ApiGatewayTools.Engine.Client;
using ApiGatewayTools.Engine.Domain;
using ApiGatewayTools.Engine.Errors;

namespace ApiGatewayTools.Tests.Engine;

/// <summary>Tags AWS would refuse are refused before a request is built (found by the generated-input tests: a 300-character key was sent and refused by the service).</summary>
public sealed class TagRulesTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(129, 1)]
    [InlineData(1, 257)]
    public void A_key_or_value_past_AWS_limits_is_refused_naming_the_parameter(int keyLength, int valueLength)
    {
        var tags = new Dictionary<string, string> { [new string('k', keyLength)] = new string('v', valueLength) };

        var error = Assert.Throws<GwValidationException>(() => TagRules.Validate(tags));

        Assert.Equal(TagRules.InvalidTagErrorId, error.ErrorId);
        Assert.Equal("Tag", error.ParameterName);
    }

    [Fact]
    public void More_than_fifty_tags_are_refused()
    {
        var tags = Enumerable.Range(0, 51).ToDictionary(i => $"k{i}", i => "v");

        Assert.Throws<GwValidationException>(() => TagRules.Validate(tags));
    }

    [Fact]
    public void Tags_at_the_limits_pass_unchanged()
    {
        var tags = Enumerable.Range(0, 49).ToDictionary(i => $"k{i}", i => "v");
        tags[new string('k', 128)] = new string('v', 256);

        Assert.Same(tags, TagRules.Validate(tags));
    }

    [Fact]
    public void A_new_API_with_a_long_tag_key_is_refused_by_its_validation()
    {
        var request = new CreateRestApiRequest { Name = "pets", Tags = new Dictionary<string, string> { [new string('k', 300)] = "v" } };

        var error = Assert.Throws<GwValidationException>(() => RestApiWorkflow.Validate(request));

        Assert.Equal(TagRules.InvalidTagErrorId, error.ErrorId);
    }
}
