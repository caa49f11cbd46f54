namespace ApiGatewayTools.LocalGateway.Http;

/// <summary>
/// Where every served request is recorded: the in-memory ring the cmdlets read, and the optional log file;
/// and the stages' access-log lines, in a ring of their own so control-plane traffic does not push them out.
/// </summary>
internal sealed class ServedRequests(int capacity, string? logPath) : IAsyncDisposable
{
    private readonly RequestLog _recent = new(capacity);
    private readonly RecentRing<LocalAccessLogEntry> _accessLog = new(capacity);
    private readonly RequestLogFile? _file = logPath is null ? null : new RequestLogFile(logPath);

    public IReadOnlyList<LocalRequestLogEntry> Recent => _recent.Snapshot();
    public IReadOnlyList<LocalAccessLogEntry> AccessLog => _accessLog.Snapshot();

    public void Add(LocalRequestLogEntry entry)
    {
        _recent.Add(entry);
        if (entry is { AccessLogLine: { } line, RestApiId: { } restApiId, Stage: { } stage })
        {
            _accessLog.Add(new LocalAccessLogEntry(entry.Time, restApiId, stage, line));
        }
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
