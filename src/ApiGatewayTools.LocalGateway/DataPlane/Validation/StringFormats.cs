using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace ApiGatewayTools.LocalGateway.DataPlane.Validation;

/// <summary>
/// The <c>format</c> values draft 4 defines and API Gateway's validator checks: date-time, email, hostname,
/// ipv4, ipv6 and uri. Any other format (date, uuid, ...) is not checked, as on AWS.
/// </summary>
internal static partial class StringFormats
{
    /// <summary>The check for a format, or null when the format is not one that is checked.</summary>
    public static Func<string, string?>? For(string format) => format switch
    {
        "date-time" => value => IsDateTime(value) ? null
            : $"string \"{value}\" is invalid against requested date format(s) [yyyy-MM-dd'T'HH:mm:ssZ, yyyy-MM-dd'T'HH:mm:ss.SSSZ]",
        "email" => value => IsEmail(value) ? null : $"string \"{value}\" is not a valid email address",
        "hostname" or "host-name" => value => IsHostname(value) ? null : $"string \"{value}\" is not a valid hostname",
        "ipv4" => value => IsIpAddress(value, AddressFamily.InterNetwork) ? null : $"string \"{value}\" is not a valid IPv4 address",
        "ipv6" => value => IsIpAddress(value, AddressFamily.InterNetworkV6) ? null : $"string \"{value}\" is not a valid IPv6 address",
        "uri" => value => Uri.TryCreate(value, UriKind.Absolute, out _) ? null : $"string \"{value}\" is not a valid URI",
        _ => null,
    };

    /// <summary>RFC 3339's date-time: a real calendar date and time, with an offset or Z.</summary>
    private static bool IsDateTime(string value) =>
        DateTimeShape().IsMatch(value)
        && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _);

    private static bool IsEmail(string value)
    {
        var at = value.LastIndexOf('@');
        return at > 0 && at < value.Length - 1 && !value.AsSpan().ContainsAny(" \t\r\n") && IsHostname(value[(at + 1)..]);
    }

    /// <summary>RFC 1034: dot-separated labels of letters, digits and inner hyphens, 63 characters each, 255 in all.</summary>
    private static bool IsHostname(string value) =>
        value.Length is > 0 and <= 255 && value.Split('.').All(label => HostnameLabel().IsMatch(label));

    private static bool IsIpAddress(string value, AddressFamily family) =>
        (family != AddressFamily.InterNetwork || value.Count(c => c == '.') == 3)
        && IPAddress.TryParse(value, out var address) && address.AddressFamily == family;

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex DateTimeShape();

    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex HostnameLabel();
}
