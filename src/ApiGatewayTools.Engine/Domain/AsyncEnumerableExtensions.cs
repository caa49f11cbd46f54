namespace ApiGatewayTools.Engine.Domain;

public static class AsyncEnumerableExtensions
{
    /// <summary>Drains a paged listing into a list (net8.0 has no System.Linq.AsyncEnumerable).</summary>
    public static async Task<List<T>> ToListAsync<T>(this IAsyncEnumerable<T> source, CancellationToken ct)
    {
        var list = new List<T>();
        await foreach (var item in source.WithCancellation(ct).ConfigureAwait(false))
        {
            list.Add(item);
        }

        return list;
    }
}
