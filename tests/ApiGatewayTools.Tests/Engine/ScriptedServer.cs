using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Amazon.Runtime;
using ApiGatewayTools.Engine.Models;

namespace ApiGatewayTools.Tests.Engine;

/// <summary>One scripted answer: a status with headers and body, or a dropped connection.</summary>
internal sealed record ScriptedAnswer(int Status, string Body = "{}", IReadOnlyDictionary<string, string>? Headers = null, bool Drop = false)
{
    public static ScriptedAnswer Ok(string body = "{}") => new(200, body);
    public static ScriptedAnswer Dropped() => new(0, Drop: true);

    public static ScriptedAnswer Error(int status, string code, string message, string? retryAfter = null)
    {
        var headers = new Dictionary<string, string> { ["x-amzn-ErrorType"] = code + ":http://internal.amazon.com/coral/com.amazonaws.backplane.controlplane/", ["x-amzn-RequestId"] = "req-" + status };
        if (retryAfter is not null)
        {
            headers["Retry-After"] = retryAfter;
        }

        return new(status, $$"""{"message":"{{message}}"}""", headers);
    }
}

internal sealed record ReceivedRequest(string Method, string PathAndQuery, string Body, IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// A loopback HTTP/1.1 server that answers from a script, for faults the local gateway cannot produce on
/// demand (throttling, 5xx, dropped connections). Raw sockets, so a "drop" really resets the connection.
/// One request per connection; each test owns a server and it stops when disposed.
/// </summary>
internal sealed class ScriptedServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentQueue<ScriptedAnswer> _script = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ScriptedServer(params ScriptedAnswer[] answers)
    {
        foreach (var answer in answers)
        {
            _script.Enqueue(answer);
        }

        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }
    public Uri Endpoint => new($"http://127.0.0.1:{Port}");
    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    public GwConnection Connection(string region = "us-east-1") =>
        new(region, null, Endpoint, Endpoint, new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            using (socket)
            {
                try
                {
                    await AnswerOneAsync(socket);
                }
                catch (Exception e) when (e is SocketException or IOException)
                {
                    // The client went away; the next connection gets the next answer.
                }
            }
        }
    }

    private async Task AnswerOneAsync(Socket socket)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var head = new List<byte>();
        var buffer = new byte[1];
        while (!EndsWithBlankLine(head))
        {
            if (await stream.ReadAsync(buffer) == 0)
            {
                return;
            }

            head.Add(buffer[0]);
        }
        var lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var requestLine = lines[0].Split(' ');
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var body = new byte[headers.TryGetValue("Content-Length", out var length) ? int.Parse(length) : 0];
        await stream.ReadExactlyAsync(body);
        Requests.Enqueue(new ReceivedRequest(requestLine[0], requestLine[1], Encoding.UTF8.GetString(body), headers));

        var answer = _script.TryDequeue(out var next) ? next : new ScriptedAnswer(500, """{"message":"script exhausted"}""");
        if (answer.Drop)
        {
            socket.LingerState = new LingerOption(true, 0);
            return;
        }
        var payload = Encoding.UTF8.GetBytes(answer.Body);
        var response = new StringBuilder($"HTTP/1.1 {answer.Status} Scripted\r\nContent-Type: application/json\r\nContent-Length: {payload.Length}\r\nConnection: close\r\n");
        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
        {
            response.Append($"{name}: {value}\r\n");
        }

        response.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(response.ToString()));
        await stream.WriteAsync(payload);
    }

    private static bool EndsWithBlankLine(List<byte> data) =>
        data.Count >= 4 && data[^4] == '\r' && data[^3] == '\n' && data[^2] == '\r' && data[^1] == '\n';

    public void Dispose()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        _stop.Cancel();
        _listener.Stop();
        _loop.Wait(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }
}

/// <summary>Remembers what the client reported, to assert on attempts and waits.</summary>
internal sealed class RecordingListener : ApiGatewayTools.Engine.Client.IGwActivityListener
{
    public ConcurrentQueue<ApiGatewayTools.Engine.Client.GwRequestRecord> Requests { get; } = new();
    public ConcurrentQueue<(string Operation, TimeSpan Delay, int Attempt, string Reason)> Waits { get; } = new();

    public void RequestCompleted(ApiGatewayTools.Engine.Client.GwRequestRecord record) => Requests.Enqueue(record);
    public void Waiting(string operation, TimeSpan delay, int attempt, string reason) => Waits.Enqueue((operation, delay, attempt, reason));
}
