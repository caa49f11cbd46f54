using System.Net;
using System.Net.Sockets;

namespace ApiGatewayTools.LocalGateway.DataPlane.Policies;

/// <summary>
/// One key of a Condition block: an operator (with IAM's IfExists suffix and ForAnyValue/ForAllValues
/// qualifiers), a context key and the values it is compared with. A request matches when any value matches
/// (none, for the negated operators); a key the request does not carry matches only the negated operators
/// and IfExists, as IAM evaluates.
/// </summary>
internal sealed class PolicyCondition
{
    // Every operator IAM accepts; the ones with no key the invoke request carries still parse, and decide by
    // the missing-key rule.
    private static readonly HashSet<string> KnownOperators = new(StringComparer.Ordinal)
    {
        "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike",
        "NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals",
        "DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals",
        "Bool", "BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "Null",
    };

    private readonly string _operator;
    private readonly bool _ifExists;
    private readonly string _key;
    private readonly IReadOnlyList<string> _values;
    private readonly IReadOnlyList<IPNetwork> _networks;

    private PolicyCondition(string op, bool ifExists, string key, IReadOnlyList<string> values, IReadOnlyList<IPNetwork> networks)
    {
        _operator = op;
        _ifExists = ifExists;
        _key = key;
        _values = values;
        _networks = networks;
    }

    /// <summary>A condition from its operator as written, its key and values; a <see cref="MalformedPolicyException"/> when IAM would refuse it.</summary>
    public static PolicyCondition Parse(string writtenOperator, string key, IReadOnlyList<string> values)
    {
        var op = writtenOperator;
        foreach (var qualifier in new[] { "ForAnyValue:", "ForAllValues:" })
        {
            if (op.StartsWith(qualifier, StringComparison.Ordinal))
            {
                op = op[qualifier.Length..];
            }
        }
        var ifExists = op.EndsWith("IfExists", StringComparison.Ordinal) && op != "IfExists";
        if (ifExists)
        {
            op = op[..^"IfExists".Length];
        }
        if (!KnownOperators.Contains(op) || (ifExists && op == "Null"))
        {
            throw new MalformedPolicyException($"Condition operator '{writtenOperator}' is not an IAM condition operator (for example StringEquals, StringLike, IpAddress, NotIpAddress).");
        }
        if (values.Count == 0)
        {
            throw new MalformedPolicyException($"Condition {writtenOperator} on '{key}' has no value to compare with.");
        }
        var networks = op is "IpAddress" or "NotIpAddress"
            ? values.Select(value => ParseNetwork(value) ?? throw new MalformedPolicyException(
                $"'{value}' in condition {writtenOperator} on '{key}' is not an IP address or CIDR range (write 192.0.2.0/24 or 2001:db8::/32).")).ToList()
            : [];
        return new PolicyCondition(op, ifExists, key, values, networks);
    }

    /// <summary>An IPv4 or IPv6 CIDR range, or a single address; host bits below the prefix are ignored, as IAM does.</summary>
    public static IPNetwork? ParseNetwork(string text)
    {
        var slash = text.IndexOf('/');
        if (!IPAddress.TryParse(slash < 0 ? text : text[..slash], out var address) || text.Contains(' '))
        {
            return null;
        }
        var width = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = width;
        if (slash >= 0 && (!int.TryParse(text[(slash + 1)..], System.Globalization.NumberStyles.None, null, out prefix) || prefix > width))
        {
            return null;
        }
        var bytes = address.GetAddressBytes();
        for (var bit = prefix; bit < width; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }
        return new IPNetwork(new IPAddress(bytes), prefix);
    }

    public bool Matches(PolicyRequest request)
    {
        var negated = _operator.Contains("Not", StringComparison.Ordinal);
        if (_operator == "Null")
        {
            var wantsMissing = _values.Any(value => value.Equals("true", StringComparison.OrdinalIgnoreCase));
            return (request.ContextValue(_key) is null) == wantsMissing;
        }
        if (request.ContextValue(_key) is not { } actual)
        {
            return _ifExists || negated;
        }
        return _operator switch
        {
            "StringEquals" or "ArnEquals" or "BinaryEquals" => _values.Any(value => value == actual),
            "StringNotEquals" or "ArnNotEquals" => _values.All(value => value != actual),
            "StringEqualsIgnoreCase" => _values.Any(value => value.Equals(actual, StringComparison.OrdinalIgnoreCase)),
            "StringNotEqualsIgnoreCase" => _values.All(value => !value.Equals(actual, StringComparison.OrdinalIgnoreCase)),
            "StringLike" or "ArnLike" => _values.Any(value => PolicyWildcard.Matches(value, actual, ignoreCase: false)),
            "StringNotLike" or "ArnNotLike" => _values.All(value => !PolicyWildcard.Matches(value, actual, ignoreCase: false)),
            "Bool" => _values.Any(value => value.Equals(actual, StringComparison.OrdinalIgnoreCase)),
            "IpAddress" => InAnyNetwork(actual),
            "NotIpAddress" => !InAnyNetwork(actual),
            // Numeric and date keys: the invoke request carries none, so the missing-key rule above decided.
            _ => false,
        };
    }

    private bool InAnyNetwork(string actual)
    {
        if (!IPAddress.TryParse(actual, out var address))
        {
            return false;
        }
        // A dual-stack listener reports IPv4 callers as ::ffff:a.b.c.d; IAM compares the IPv4 address.
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        return _networks.Any(network => network.Contains(address));
    }
}
