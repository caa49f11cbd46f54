using System.Globalization;

namespace ApiGatewayTools.Engine.Domain;

/// <summary>AWS's limits on the tags of an API Gateway resource (quotas page): 50 tags, keys 1 to 128 characters, values up to 256.</summary>
public static class TagRules
{
    public const string InvalidTagErrorId = "InvalidTag";
    public const int MaxTags = 50;
    public const int MaxKeyLength = 128;
    public const int MaxValueLength = 256;

    /// <summary>Refuses tags AWS would refuse, before anything is sent; returns them unchanged.</summary>
    public static IReadOnlyDictionary<string, string>? Validate(IReadOnlyDictionary<string, string>? tags, string parameterName = "Tag")
    {
        if (tags is null)
        {
            return null;
        }
        if (tags.Count > MaxTags)
        {
            throw new GwValidationException(InvalidTagErrorId, parameterName,
                string.Create(CultureInfo.InvariantCulture, $"-{parameterName} has {tags.Count} tags; API Gateway keeps at most {MaxTags} per resource."));
        }
        foreach (var (key, value) in tags)
        {
            if (key.Length is 0 or > MaxKeyLength)
            {
                throw new GwValidationException(InvalidTagErrorId, parameterName,
                    string.Create(CultureInfo.InvariantCulture, $"Tag key '{Shorten(key)}' is {key.Length} characters; use 1 to {MaxKeyLength}."));
            }
            if (value.Length > MaxValueLength)
            {
                throw new GwValidationException(InvalidTagErrorId, parameterName,
                    string.Create(CultureInfo.InvariantCulture, $"The value of tag '{Shorten(key)}' is {value.Length} characters; use at most {MaxValueLength}."));
            }
        }
        return tags;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
