using System.Runtime.CompilerServices;
using System.Text.Json;

namespace ApiGatewayTools.Engine.Internal;

/// <summary>Token-based paging as both services do it: API Gateway's "position", Lambda's "NextMarker".</summary>
internal static class Paging
{
    /// <summary>
    /// Fetches pages, passing each page's token to the next fetch (null for the first), until a page carries
    /// no token. A service that repeats the same token would loop forever; that counts as the end too.
    /// </summary>
    public static async IAsyncEnumerable<JsonElement> PagesAsync(Func<string?, CancellationToken, Task<JsonElement>> fetchPage, string tokenMember,
        [EnumeratorCancellation] CancellationToken ct)
    {
        string? token = null;
        do
        {
            var page = await fetchPage(token, ct).ConfigureAwait(false);
            yield return page;
            var next = page.Str(tokenMember);
            token = string.IsNullOrEmpty(next) || next == token ? null : next;
        }
        while (token is not null);
    }
}
