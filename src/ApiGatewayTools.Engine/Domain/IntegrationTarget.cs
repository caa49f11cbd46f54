using System.Text.RegularExpressions;

namespace ApiGatewayTools.Engine.Domain;

public static partial class IntegrationTarget
{
    [GeneratedRegex(@"functions/(?<arn>arn:[^/]+)/invocations$")]
    private static partial Regex LambdaUri();

    /// <summary>Where an integration sends requests, in a few words: "HTTP GET http://…", "AWS_PROXY Lambda myFunction", "MOCK".</summary>
    public static string Describe(Integration integration)
    {
        if (integration.Type is "AWS" or "AWS_PROXY" && integration.Uri is not null && LambdaUri().Match(integration.Uri) is { Success: true } m)
        {
            var arn = m.Groups["arn"].Value;
            var name = arn[(arn.IndexOf(":function:", StringComparison.Ordinal) + ":function:".Length)..];
            return $"{integration.Type} Lambda {name}";
        }
        return integration.Type == "MOCK" ? "MOCK" : $"{integration.Type} {integration.IntegrationHttpMethod} {integration.Uri}".TrimEnd();
    }
}
