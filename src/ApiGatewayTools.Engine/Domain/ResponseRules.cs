using System.Text.RegularExpressions;

namespace ApiGatewayTools.Engine.Domain;

/// <summary>What API Gateway accepts in a method or integration response, checked before anything is sent.</summary>
public static partial class ResponseRules
{
    public const string InvalidStatusCodeErrorId = IntegrationPlan.InvalidStatusCodeErrorId;
    public const string InvalidResponseParameterErrorId = "InvalidResponseParameter";
    public const string InvalidSelectionPatternErrorId = "InvalidSelectionPattern";
    public const string MethodResponseMissingErrorId = "MethodResponseMissing";
    public const string IntegrationMissingErrorId = "IntegrationMissing";
    public const string DuplicateDefaultResponseErrorId = "DuplicateDefaultResponse";
    public const string HeaderPrefix = "method.response.header.";

    /// <summary>A status code as API Gateway keys responses by it: three digits, 100 to 599.</summary>
    public static string StatusCode(string? text, string parameterName = "StatusCode") =>
        text is not null && StatusCodePattern().IsMatch(text)
            ? text
            : throw new GwValidationException(InvalidStatusCodeErrorId, parameterName,
                $"'{text}' is not an HTTP status code API Gateway can answer with: write three digits from 100 to 599, e.g. -{parameterName} 404.");

    /// <summary>Method response parameters are headers: method.response.header.{name}, with a token for the name.</summary>
    public static void ValidateResponseParameterNames(IEnumerable<string> names, string parameterName)
    {
        foreach (var name in names)
        {
            if (!name.StartsWith(HeaderPrefix, StringComparison.Ordinal) || !HeaderNamePattern().IsMatch(name[HeaderPrefix.Length..]))
            {
                throw new GwValidationException(InvalidResponseParameterErrorId, parameterName,
                    $"'{name}' is not a response parameter API Gateway accepts: write method.response.header.<Name> with a header name of " +
                    $"letters, digits and -, e.g. @{{ 'method.response.header.Location' = $false }}.");
            }
        }
    }

    /// <summary>
    /// The value side of an integration response mapping: a header or the body of the integration's answer, a
    /// context or stage variable, or a static value in single quotes.
    /// </summary>
    public static void ValidateMappingExpressions(IReadOnlyDictionary<string, string> mappings, string parameterName)
    {
        ValidateResponseParameterNames(mappings.Keys, parameterName);
        foreach (var (name, expression) in mappings)
        {
            if (!MappingExpressionPattern().IsMatch(expression))
            {
                throw new GwValidationException(InvalidResponseParameterErrorId, parameterName,
                    $"The mapping of '{name}', \"{expression}\", is not an expression API Gateway accepts: write integration.response.header.<Name>, " +
                    $"integration.response.body or integration.response.body.<JSONPath>, context.<variable>, stageVariables.<name>, " +
                    $"or a static value in single quotes, e.g. \"'*'\".");
            }
        }
    }

    /// <summary>
    /// API Gateway reads selection patterns as Java regular expressions. .NET's syntax is close enough to catch
    /// what is not a regular expression at all (an unclosed group or class, a dangling quantifier), and the one
    /// common difference, a stray '{', is checked as Java does; rarer constructs only one of them has are not told apart.
    /// </summary>
    public static void ValidateSelectionPattern(string? pattern)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            return;
        }
        string? problem = null;
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            problem = IllegalRepetition(pattern);
        }
        catch (ArgumentException e)
        {
            problem = e.Message;
        }
        if (problem is not null)
        {
            throw new GwValidationException(InvalidSelectionPatternErrorId, "SelectionPattern",
                $"-SelectionPattern '{pattern}' is not a valid regular expression ({problem}). It must match the whole backend status code " +
                $"(HTTP, e.g. '4\\d{{2}}') or the whole errorMessage of a Lambda error (e.g. '.*[Nn]ot [Ff]ound.*').");
        }
    }

    /// <summary>
    /// Java refuses a '{' that does not open a quantifier ({n}, {n,}, {n,m}) where .NET reads it as a literal
    /// brace: '4\d{2' is an "illegal repetition" to API Gateway. Escaped braces and braces in a class are literal in both.
    /// </summary>
    private static string? IllegalRepetition(string pattern)
    {
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '\\':
                    i++;
                    break;
                case '[':
                    inClass = true;
                    break;
                case ']':
                    inClass = false;
                    break;
                case '{' when !inClass && !QuantifierPattern().IsMatch(pattern[i..]):
                    return $"illegal repetition at position {i}: a '{{' that does not open a quantifier such as {{2}} must be escaped as \\{{";
            }
        }
        return null;
    }

    [GeneratedRegex(@"^\{\d+(,\d*)?\}")]
    private static partial Regex QuantifierPattern();

    [GeneratedRegex(@"^[1-5]\d\d$")]
    private static partial Regex StatusCodePattern();

    [GeneratedRegex(@"^[A-Za-z0-9!#$%&*+.^_`|~-]+$")]
    private static partial Regex HeaderNamePattern();

    [GeneratedRegex(@"^(integration\.response\.(header|multivalueheader)\.[^\s]+|integration\.response\.body(\.[^\s]+)?|context\.[A-Za-z0-9_.]+|stageVariables\.[A-Za-z0-9_]+|'[^']*')$")]
    private static partial Regex MappingExpressionPattern();
}
