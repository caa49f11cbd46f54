using System.Text;

namespace ApiGatewayTools.Engine.Domain;

public static class TestInvokeWorkflow
{
    public const string MissingPathParameterErrorId = "MissingPathParameter";

    /// <summary>
    /// The concrete request path for a resource path: each {variable} replaced by its value (percent-encoded;
    /// a greedy {proxy+} keeps its slashes), then the query string.
    /// </summary>
    public static string PathWithQueryString(ResourcePath path, IReadOnlyDictionary<string, string>? pathParameters, IReadOnlyDictionary<string, string>? query)
    {
        var values = pathParameters ?? new Dictionary<string, string>();
        var builder = new StringBuilder();
        foreach (var segment in path.Segments)
        {
            builder.Append('/');
            if (!ResourcePath.IsVariable(segment))
            {
                builder.Append(segment);
                continue;
            }
            var name = ResourcePath.VariableName(segment);
            if (!values.TryGetValue(name, out var value) || value.Length == 0)
            {
                throw new GwValidationException(MissingPathParameterErrorId, "PathParameter",
                    $"{path} needs a value for {{{name}}}: pass -PathParameter @{{ {name} = '...' }}.");
            }

            builder.Append(ResourcePath.IsGreedy(segment)
                ? string.Join("/", value.Split('/').Select(Uri.EscapeDataString))
                : Uri.EscapeDataString(value));
        }
        if (builder.Length == 0)
        {
            builder.Append('/');
        }

        if (query is not null)
        {
            builder.Append(RestPath.QueryString(query));
        }

        return builder.ToString();
    }
}
