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
            headers["Retry-After"] = retryAfter;
        return new(status, $$"""{"message":"{{message}}"}""", headers);
    }
}

internal sealed record ReceivedRequest(string Method, string PathAndQuery, string Body, IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// A loopback server that answers from a script, for faults the local gateway cannot produce on demand
/// (throttling, 5xx, dropped connections). Each test owns one; it stops when disposed.
/// </summary>
internal sealed class ScriptedServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<ScriptedAnswer> _script = new();
    private readonly Task _loop;

    public ScriptedServer(params ScriptedAnswer[] answers)
    {
        foreach (var answer in answers)
            _script.Enqueue(answer);
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }
    public Uri Endpoint => new($"http://127.0.0.1:{Port}");
    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    public GwConnection Connection(string region = "us-east-1") =>
        new(region, null, Endpoint, Endpoint, new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            Requests.Enqueue(new ReceivedRequest(context.Request.HttpMethod, context.Request.Url!.PathAndQuery, body, headers));

            var answer = _script.TryDequeue(out var next) ? next : new ScriptedAnswer(500, """{"message":"script exhausted"}""");
            if (answer.Drop)
            {
                context.Response.Abort();
                continue;
            }
            context.Response.StatusCode = answer.Status;
            foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
                context.Response.AddHeader(name, value);
            context.Response.ContentType = "application/json";
            var bytes = Encoding.UTF8.GetBytes(answer.Body);
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
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
