using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using ApiGatewayTools.Engine.Domain;

namespace ApiGatewayTools.Common;

/// <summary>Completes -HttpMethod with the verbs API Gateway accepts.</summary>
public sealed class HttpMethodCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        HttpVerb.MethodVerbs
            .Where(v => v.StartsWith(wordToComplete.Trim('\'', '"'), StringComparison.OrdinalIgnoreCase))
            .Select(v => new CompletionResult(v, v, CompletionResultType.ParameterValue, v));
}
