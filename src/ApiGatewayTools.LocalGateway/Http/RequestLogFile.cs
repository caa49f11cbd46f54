using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;

namespace ApiGatewayTools.LocalGateway.Http;

/// <summary>
/// Appends one JSON line per request to a file, from a background task: requests only queue their entry,
/// so a slow disk never slows a request. When the queue is full (the disk cannot keep up), entries are
/// dropped and counted rather than blocking; the count is written once the writer catches up.
/// </summary>
internal sealed class RequestLogFile : IAsyncDisposable
{
    private const int QueueCapacity = 65536;

    private readonly Channel<LocalRequestLogEntry> _queue = Channel.CreateBounded<LocalRequestLogEntry>(
        new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });
    private readonly StreamWriter _writer;
    private readonly Task _writing;
    private long _dropped;

    public RequestLogFile(string path)
    {
        var stream = new FileStream(Path.GetFullPath(path), FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        _writer = new StreamWriter(stream) { AutoFlush = false };
        _writing = Task.Run(WriteLoopAsync);
    }

    public void Add(LocalRequestLogEntry entry)
    {
        if (!_queue.Writer.TryWrite(entry))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writing.ConfigureAwait(false);
        await _writer.DisposeAsync().ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var entry))
            {
                await _writer.WriteLineAsync(Line(entry)).ConfigureAwait(false);
            }
            if (Interlocked.Exchange(ref _dropped, 0) is var dropped and > 0)
            {
                await _writer.WriteLineAsync(DroppedLine(dropped)).ConfigureAwait(false);
            }
            await _writer.FlushAsync().ConfigureAwait(false);
        }
    }

    /// <summary>What a request was, never what it carried: no headers, bodies or credentials.</summary>
    private static string Line(LocalRequestLogEntry entry)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, GatewayResponse.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("time", entry.Time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            w.WriteString("requestId", entry.RequestId);
            w.WriteString("method", entry.Method);
            w.WriteString("path", entry.Path);
            WriteOptional(w, "operation", entry.Operation);
            WriteOptional(w, "restApiId", entry.RestApiId);
            WriteOptional(w, "stage", entry.Stage);
            WriteOptional(w, "resourcePath", entry.ResourcePath);
            WriteOptional(w, "fault", entry.Fault?.ToString());
            WriteOptional(w, "integrationType", entry.IntegrationType);
            w.WriteNumber("status", entry.StatusCode);
            w.WriteNumber("ms", Math.Round(entry.ElapsedMilliseconds, 3));
            WriteOptional(w, "error", entry.Error);
            WriteOptional(w, "deploymentId", entry.DeploymentId);
            if (entry.Canary is { } canary)
            {
                w.WriteBoolean("canary", canary);
            }
            WriteOptional(w, "cache", entry.CacheStatus);
            // The stage's own access-log line, in the format its owner chose ($context values, no credentials).
            WriteOptional(w, "accessLog", entry.AccessLogLine);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string DroppedLine(long dropped) =>
        $"{{\"time\":\"{DateTimeOffset.UtcNow.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}\",\"dropped\":{dropped}}}";

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
