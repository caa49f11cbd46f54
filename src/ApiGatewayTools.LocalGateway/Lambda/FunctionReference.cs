using System.Globalization;
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

    /// <summary>The function as the qualifier names it: $LATEST (no qualifier), a published version, or an alias's version.</summary>
    public ResolvedFunction Resolve(GatewayState state) =>
        TryResolve(state) ?? throw GatewayError.LambdaNotFound($"Function not found: {Arn}");

    /// <summary>Call under the state's lock.</summary>
    public ResolvedFunction? TryResolve(GatewayState state)
    {
        if (!state.Functions.TryGetValue(Name, out var function))
        {
            return null;
        }
        var version = Qualifier is { } qualifier && function.Aliases.TryGetValue(qualifier, out var alias) ? alias.FunctionVersion : Qualifier;
        return Version(function, version);
    }

    /// <summary>A version by its number, or $LATEST for none; null when not published.</summary>
    public static ResolvedFunction? Version(LocalFunctionRecord function, string? version)
    {
        if (version is null or LocalFunctionRecord.Latest)
        {
            return function.LatestVersion;
        }
        if (!int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1 || number.ToString(CultureInfo.InvariantCulture) != version || number > function.Versions.Count)
        {
            return null;
        }
        var published = function.Versions[number - 1];
        return new ResolvedFunction(function, published.Version, published.Definition, published.LastModified, published.RevisionId);
    }

    [GeneratedRegex(@"^(?:(?:arn:aws:lambda:(?<region>[a-z0-9-]+):)?(?<account>\d{12}):function:)?(?<name>[A-Za-z0-9_-]{1,64})(?::(?<qualifier>\$LATEST|[A-Za-z0-9_-]{1,128}))?$")]
    private static partial Regex FunctionNamePattern();
}
