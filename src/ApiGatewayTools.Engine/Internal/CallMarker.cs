using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace ApiGatewayTools.Engine.Internal;

/// <summary>
/// A short mark of one engine call, put at the end of a description AWS stores as it is given (a deployment's), so
/// that a create whose answer was lost can be found by it. It reads as " [gw-1a2b3c4d]" after the user's own
/// text; the engine strips it wherever it shows the description, so users see what they wrote.
/// </summary>
internal static partial class CallMarker
{
    [GeneratedRegex(@"(?:^| )(?<marker>\[gw-[0-9a-f]{8}\])$")]
    private static partial Regex Trailing();

    /// <summary>A fresh marker: 32 random bits, so two calls practically never share one.</summary>
    public static string New() => "[gw-" + RandomNumberGenerator.GetHexString(8, lowercase: true) + "]";

    public static string Append(string? description, string marker) =>
        string.IsNullOrEmpty(description) ? marker : description + " " + marker;

    /// <summary>The description without its marker; null when nothing else was written.</summary>
    public static string? Strip(string? description)
    {
        if (description is null || Trailing().Match(description) is not { Success: true } found)
        {
            return description;
        }

        return found.Index == 0 ? null : description[..found.Index];
    }

    /// <summary>The marker a description ends with, or null.</summary>
    public static string? Of(string? description) =>
        description is not null && Trailing().Match(description) is { Success: true } found ? found.Groups["marker"].Value : null;
}
