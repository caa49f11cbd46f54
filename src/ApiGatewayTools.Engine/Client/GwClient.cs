using System.Runtime.CompilerServices;

namespace ApiGatewayTools.Engine.Client;

/// <summary>
/// The one way an operation is sent: the transport signs, paces, retries and maps errors; the operation reads its
/// own answer. Any client sends any operation (the transport routes by the operation's service), so a plan that
/// mixes API Gateway and Lambda operations is sent through one client.
/// </summary>
public abstract class GwClient
{
    private readonly GwTransport _transport;

    private protected GwClient(GwConnection connection, IGwActivityListener? listener, RetryOptions? retry)
    {
        Connection = connection;
        _transport = new GwTransport(connection, listener, retry);
    }

    public GwConnection Connection { get; }

    public async Task<T> SendAsync<T>(GwOperation<T> operation, CancellationToken ct) =>
        (T)(await SendAsync((GwOperation)operation, ct).ConfigureAwait(false))!;

    /// <summary>Sends the operation and answers what it read (null for operations whose answer carries nothing).</summary>
    public async Task<object?> SendAsync(GwOperation operation, CancellationToken ct)
    {
        if (operation.References.Count > 0)
        {
            throw new InvalidOperationException($"{operation.Name} refers to an earlier step's answer; send it as part of its plan.");
        }
        if (PlannedId.AppearsIn(operation))
        {
            // The last guard: commands refuse planned input before they build anything, and plan on it without reading.
            throw new GwValidationException(PlannedId.RefusedErrorId, operation.Name,
                $"{operation} names an object a -WhatIf run only planned; it does not exist yet, so nothing was sent.");
        }

        var find = operation.Reconcile is { } reconcile ? (Func<CancellationToken, Task<object?>>)(token => reconcile(this, operation, token)) : null;
        var answer = await _transport.SendAsync(operation, find, ct).ConfigureAwait(false);
        return answer.Text is null ? answer.Made : operation.ReadAnswer(answer.Text, Connection);
    }

    /// <summary>Sends a read; what it reads is missing (404) answers null. Reconcile functions look with this.</summary>
    internal async Task<T?> FindAsync<T>(GwOperation<T> read, CancellationToken ct) where T : class
    {
        try
        {
            return await SendAsync(read, ct).ConfigureAwait(false);
        }
        catch (GwServiceException e) when (e.Kind == GwErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>The first item of a listing that matches, or null.</summary>
    internal async Task<T?> FindAsync<T>(GwListing<T> listing, Func<T, bool> match, CancellationToken ct) where T : class
    {
        await foreach (var item in ListAsync(listing, ct).ConfigureAwait(false))
        {
            if (match(item))
            {
                return item;
            }
        }

        return null;
    }

    /// <summary>Every item of a listing, page by page. A service that repeats a token would loop forever; that counts as the end too.</summary>
    public async IAsyncEnumerable<T> ListAsync<T>(GwListing<T> listing, [EnumeratorCancellation] CancellationToken ct)
    {
        string? token = null;
        do
        {
            var page = await SendAsync(listing.PageAt(token), ct).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            token = string.IsNullOrEmpty(page.NextToken) || page.NextToken == token ? null : page.NextToken;
        }
        while (token is not null);
    }
}
