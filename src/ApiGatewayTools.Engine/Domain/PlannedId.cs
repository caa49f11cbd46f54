using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace ApiGatewayTools.Engine.Domain;

/// <summary>
/// The id a -WhatIf run gives an object it only planned, e.g. "&lt;planned: RestApi MyApi&gt;", so that the next
/// command of a pipeline can plan on it as on an object that does not exist yet. Angle brackets and spaces never
/// occur in the ids API Gateway and Lambda issue, so a planned id cannot be mistaken for a real one, and the client
/// refuses any operation that names one: a planned object is never sent, not even in a read.
/// </summary>
public static partial class PlannedId
{
    public const string RefusedErrorId = "PlannedObjectNotCreated";
    private const string Prefix = "<planned: ";
    private static readonly string EncodedPrefix = Uri.EscapeDataString(Prefix);

    /// <summary>The planned id of a <paramref name="kind"/> (RestApi, Resource, Deployment, ...) named or found by <paramref name="name"/>.</summary>
    public static string For(string kind, string name) => $"{Prefix}{kind} {name}>";

    public static bool IsPlanned([NotNullWhen(true)] string? value) => value?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    /// <summary>True when any of <paramref name="values"/> is a planned id: the command plans on something that does not exist yet.</summary>
    public static bool AnyPlanned(params string?[] values) => values.Any(IsPlanned);

    /// <summary>The error for a planned id given to a command that would send it: raised before anything is sent.</summary>
    public static GwValidationException Refused(string parameterName, string plannedId) => new(RefusedErrorId, parameterName,
        $"-{parameterName} is {plannedId}, an object a -WhatIf run only planned: it does not exist yet. " +
        "Run the command that creates it without -WhatIf (the whole pipeline, or just that step) and pipe its output here; nothing was sent.");

    /// <summary>An operation that names a planned id anywhere (path, query or body) cannot be sent.</summary>
    internal static bool AppearsIn(GwOperation operation) =>
        operation.Path.Contains(EncodedPrefix, StringComparison.Ordinal)
        || operation.Body?.Contains(Prefix, StringComparison.Ordinal) == true
        || operation.Query.Values.Any(IsPlanned);

    /// <summary>A path as -WhatIf shows it: planned ids decoded, so "/restapis/&lt;planned: RestApi X&gt;/resources" reads as written.</summary>
    internal static string Readable(string path) => path.Contains(EncodedPrefix, StringComparison.Ordinal)
        ? EncodedPlannedId().Replace(path, m => Uri.UnescapeDataString(m.Value))
        : path;

    [GeneratedRegex("%3Cplanned%3A%20.*?%3E")]
    private static partial Regex EncodedPlannedId();
}
