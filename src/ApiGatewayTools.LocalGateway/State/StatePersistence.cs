namespace ApiGatewayTools.LocalGateway.State;

/// <summary>
/// Keeps a state file in step with the gateway: a change is written within <see cref="SaveDelay"/> (changes that
/// come close together share one write), and a clean stop writes the last one. Every write is atomic: a temporary
/// file next to the target is written and flushed to disk, then renamed over it, so a kill at any moment leaves
/// the old state or the new one, never a file cut short.
/// </summary>
internal sealed class StatePersistence : IAsyncDisposable
{
    public static readonly TimeSpan SaveDelay = TimeSpan.FromMilliseconds(200);

    private readonly GatewayState _state;
    private readonly string _path;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _saving;
    private long _savedVersion;

    private StatePersistence(GatewayState state, string path)
    {
        _state = state;
        _path = path;
        _savedVersion = state.Version;
        _saving = Task.Run(SaveLoopAsync);
    }

    /// <summary>
    /// Loads the file into the (empty) state when it exists, or writes the empty state there when it does not, so
    /// a place that cannot be written is found at start rather than after the first change; then keeps it up to date.
    /// </summary>
    /// <exception cref="LocalGatewayStateException">The file is not a readable state file, or cannot be written.</exception>
    public static StatePersistence Open(GatewayState state, string path)
    {
        path = Path.GetFullPath(path);
        lock (state.Sync)
        {
            if (File.Exists(path))
            {
                StateFile.Load(path, state);
            }
            else
            {
                try
                {
                    WriteAtomically(path, StateFile.Serialize(state));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new LocalGatewayStateException(path, $"it cannot be written there ({e.Message})", e);
                }
            }
        }
        return new StatePersistence(state, path);
    }

    /// <summary>Writes the state now if it changed since the last write.</summary>
    public void Flush()
    {
        byte[] bytes;
        long version;
        lock (_state.Sync)
        {
            version = _state.Version;
            if (version == Interlocked.Read(ref _savedVersion))
            {
                return;
            }
            bytes = StateFile.Serialize(_state);
        }
        WriteAtomically(_path, bytes);
        Interlocked.Exchange(ref _savedVersion, version);
    }

    /// <exception cref="LocalGatewayStateException">The last changes could not be written; the file holds the state before them.</exception>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _saving.ConfigureAwait(false);
        _stopping.Dispose();
        try
        {
            Flush();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LocalGatewayStateException(_path, $"the last changes could not be written ({e.Message}); it holds the state from before them", e);
        }
    }

    internal static void WriteAtomically(string path, byte[] bytes)
    {
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }

    private async Task SaveLoopAsync()
    {
        using var timer = new PeriodicTimer(SaveDelay);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                try
                {
                    Flush();
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // A failed write leaves the previous file whole; the next tick tries again, and a stop
                    // that still cannot write says so.
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
