namespace ApiGatewayTools.LocalGateway.Http;

/// <summary>Where every served request is recorded: the in-memory ring the cmdlets read, and the optional log file.</summary>
internal sealed class ServedRequests(int capacity, string? logPath) : IAsyncDisposable
{
    private readonly RequestLog _recent = new(capacity);
    private readonly RequestLogFile? _file = logPath is null ? null : new RequestLogFile(logPath);

    public IReadOnlyList<LocalRequestLogEntry> Recent => _recent.Snapshot();

    public void Add(LocalRequestLogEntry entry)
    {
        _recent.Add(entry);
        _file?.Add(entry);
    }

    public async ValueTask DisposeAsync()
    {
        if (_file is not null)
        {
            await _file.DisposeAsync().ConfigureAwait(false);
        }
    }
}
