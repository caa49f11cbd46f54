namespace ApiGatewayTools.Common;

// The Get cmdlets' one call: they declare their parameters and say how their kind is read (GwLookup).
public abstract partial class GwCmdlet
{
    /// <summary>
    /// Writes the object with <paramref name="id"/> when one is given; otherwise every object in scope whose name
    /// matches <paramref name="name"/> (all when null), sorted. A name without wildcards that matches nothing is
    /// a non-terminating not-found error, as for any other missing object.
    /// </summary>
    protected void WriteFound<T>(GwLookup<T> lookup, string? id, string? name = null)
    {
        var client = Gateway(ResolveConnection());
        if (id is not null)
        {
            WriteObject(Await(ct => client.SendAsync(lookup.ById(id), ct)));
            return;
        }
        var pattern = name is null ? null : new WildcardPattern(name, WildcardOptions.IgnoreCase);
        var all = Await(ct => lookup.All(client, ct));
        var matched = lookup.Order(all.Where(item => pattern is null || pattern.IsMatch(lookup.NameOf!(item)))).ToList();
        if (matched.Count == 0 && name is not null && !WildcardPattern.ContainsWildcardCharacters(name) && lookup.NotFound is { } notFound)
        {
            WriteError(ErrorRecords.From(notFound(name, client.Connection), name));
            return;
        }
        WriteObject(matched, enumerateCollection: true);
    }
}
