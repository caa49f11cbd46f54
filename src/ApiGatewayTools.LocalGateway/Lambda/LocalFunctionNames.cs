using System.Text.RegularExpressions;

namespace ApiGatewayTools.LocalGateway.Lambda;

internal static partial class LocalFunctionNames
{
    /// <summary>Lambda's rule for a function name: 1 to 64 letters, digits, hyphens and underscores.</summary>
    public static bool IsValid(string? name) => name is not null && NamePattern().IsMatch(name);

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex NamePattern();
}
