using System.Text.RegularExpressions;
using ApiGatewayTools.LocalGateway.Http;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway.Lambda;

/// <summary>
/// A FunctionName as Lambda accepts it: "name", "000000000000:function:name" or a full ARN,
/// each with an optional ":qualifier" suffix.
/// </summary>
internal sealed partial record FunctionReference(string Name, string? Qualifier)
{
    public static FunctionReference Parse(string functionName, string? qualifierParameter)
    {
        var match = FunctionNamePattern().Match(functionName);
        if (!match.Success)
        {
            throw GatewayError.LambdaNotFound($"Function not found: {LocalFunctionRecord.FunctionArn(functionName)}");
        }
        var qualifier = match.Groups["qualifier"].Success ? match.Groups["qualifier"].Value : null;
        if (qualifier is not null && qualifierParameter is not null && qualifier != qualifierParameter)
        {
            throw GatewayError.LambdaInvalidParameter("The derived qualifier from the function name does not match the specified qualifier.");
        }
        var name = match.Groups["name"].Value;
        var region = match.Groups["region"];
        var account = match.Groups["account"];
        if ((region.Success && region.Value != LocalGatewayServer.Region) || (account.Success && account.Value != LocalGatewayServer.AccountId))
        {
            throw GatewayError.LambdaNotFound($"Function not found: {functionName}");
        }
        return new FunctionReference(name, qualifier ?? qualifierParameter);
    }

    /// <summary>The function's ARN, with the qualifier when one was given.</summary>
    public string Arn => Qualifier is null ? LocalFunctionRecord.FunctionArn(Name) : $"{LocalFunctionRecord.FunctionArn(Name)}:{Qualifier}";

    /// <summary>Only $LATEST exists locally: local functions have no published versions or aliases.</summary>
    public LocalFunctionRecord Resolve(GatewayState state) =>
        state.Functions.TryGetValue(Name, out var function) && Qualifier is null or "$LATEST"
            ? function
            : throw GatewayError.LambdaNotFound($"Function not found: {Arn}");

    [GeneratedRegex(@"^(?:(?:arn:aws:lambda:(?<region>[a-z0-9-]+):)?(?<account>\d{12}):function:)?(?<name>[A-Za-z0-9_-]{1,64})(?::(?<qualifier>\$LATEST|[A-Za-z0-9_-]{1,128}))?$")]
    private static partial Regex FunctionNamePattern();
}
