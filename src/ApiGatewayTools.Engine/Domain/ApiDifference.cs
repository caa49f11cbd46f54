namespace ApiGatewayTools.Engine.Domain;

public enum ApiDifferenceKind
{
    Route,
    Method,
    MethodResponse,
    Integration,
    IntegrationResponse,
    Setting,
}

public enum ApiChange
{
    Added,
    Removed,
    Changed,
}

/// <summary>
/// One difference between a reference definition and a difference definition: what it is about (a route, a
/// method's setting, an integration's, an API setting), how it changed, and both values.
/// </summary>
public sealed record ApiDifference(ApiDifferenceKind Kind, ApiChange Change, string? Path, string? Method, string? Property, string? Reference, string? Difference)
{
    /// <summary>"Changed Integration: GET /pets Integration.Uri". The colon keeps a plan's description from reading as a request line.</summary>
    public override string ToString() => $"{Change} {Kind}: " + string.Join(" ", new[] { Method, Path, Property }.Where(part => !string.IsNullOrEmpty(part)));

    /// <summary>
    /// Every difference, routes in path order then settings: a route on one side only is one difference (not one per
    /// property); a route on both sides differs property by property. Sections a side could not read are skipped.
    /// </summary>
    public static IReadOnlyList<ApiDifference> Between(ApiDefinition reference, ApiDefinition difference)
    {
        var found = new List<ApiDifference>();
        var keys = reference.Routes.Keys.Union(difference.Routes.Keys).Order();
        foreach (var key in keys)
        {
            var before = reference.Routes.GetValueOrDefault(key);
            var after = difference.Routes.GetValueOrDefault(key);
            if (before is null || after is null)
            {
                var integration = (before ?? after)!.Integration;
                var target = integration is null ? "(no integration)" : $"{integration.Type} {integration.Uri}".TrimEnd();
                found.Add(new(ApiDifferenceKind.Route, before is null ? ApiChange.Added : ApiChange.Removed, key.Path, key.HttpMethod, null,
                    before is null ? null : target, after is null ? null : target));
                continue;
            }

            found.AddRange(Properties(before.Properties(), after.Properties(), key.Path, key.HttpMethod));
        }

        found.AddRange(Properties(Known(reference.Settings, difference.Settings), Known(difference.Settings, reference.Settings), null, null));
        return found;
    }

    private static IEnumerable<ApiDifference> Properties(IEnumerable<ApiProperty> reference, IEnumerable<ApiProperty> difference, string? path, string? method)
    {
        var before = reference.Where(p => p.Value is not null).ToDictionary(p => p.Name);
        var after = difference.Where(p => p.Value is not null).ToDictionary(p => p.Name);
        foreach (var name in before.Keys.Union(after.Keys))
        {
            var had = before.TryGetValue(name, out var b);
            var has = after.TryGetValue(name, out var a);
            if (had && has && string.Equals(b.Value, a.Value, StringComparison.Ordinal))
            {
                continue;
            }

            var change = !had ? ApiChange.Added : !has ? ApiChange.Removed : ApiChange.Changed;
            yield return new((had ? b : a).Kind, change, path, method, name, b.Value, a.Value);
        }
    }

    /// <summary>The settings' properties, leaving out each section the other side could not read.</summary>
    private static IEnumerable<ApiProperty> Known(ApiSettings settings, ApiSettings other)
    {
        var unknown = other.Sections().Where(s => s.Map is null).Select(s => s.Name + "[").ToList();
        return settings.Properties().Where(p => !unknown.Any(prefix => p.Name.StartsWith(prefix, StringComparison.Ordinal)));
    }
}
