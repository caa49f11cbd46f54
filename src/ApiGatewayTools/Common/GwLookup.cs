namespace ApiGatewayTools.Common;

/// <summary>
/// How a Get cmdlet reads its kind of object: one by id, or every one in scope, matched against a name that may
/// hold wildcards and sorted. <see cref="GwCmdlet.WriteFound{T}"/> does the reading the same way for every kind.
/// </summary>
public sealed class GwLookup<T>
{
    /// <summary>The operation that reads one object by its id.</summary>
    public required Func<string, GwOperation<T>> ById { get; init; }

    /// <summary>Every object in scope, all pages read.</summary>
    public required Func<ApiGatewayClient, CancellationToken, Task<IReadOnlyList<T>>> All { get; init; }

    /// <summary>The order objects are written in.</summary>
    public required Func<IEnumerable<T>, IOrderedEnumerable<T>> Order { get; init; }

    /// <summary>What a -Name pattern is matched against; null for kinds that are only listed whole.</summary>
    public Func<T, string>? NameOf { get; init; }

    /// <summary>The error for a name without wildcards that matched nothing (null: matching nothing is not an error).</summary>
    public Func<string, GwConnection, GwNotFoundException>? NotFound { get; init; }

    /// <summary>Every item of a paged listing, for <see cref="All"/>.</summary>
    public static Func<ApiGatewayClient, CancellationToken, Task<IReadOnlyList<T>>> Pages(GwListing<T> listing) =>
        async (client, ct) => await client.ListAsync(listing, ct).ToListAsync(ct).ConfigureAwait(false);
}
