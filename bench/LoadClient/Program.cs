// A closed-loop HTTP load generator: N connections, each sending its next GET as soon as the previous answer
// is read, for a fixed time. Prints one JSON object with the rate, exact percentiles (every latency is kept, so
// no histogram rounding) and the CPU time this process spent, as wrk's figures are read next to the server's.
// The caller runs it once to warm up and once to measure, as it does with wrk.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;

if (args.Length != 3)
{
    Console.Error.WriteLine("usage: LoadClient <url> <connections> <duration-seconds>");
    return 2;
}
var url = new Uri(args[0]);
var connections = int.Parse(args[1], CultureInfo.InvariantCulture);
var duration = TimeSpan.FromSeconds(double.Parse(args[2], CultureInfo.InvariantCulture));

using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, UseProxy = false, AutomaticDecompression = DecompressionMethods.None };
using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(2) };

var loops = Enumerable.Range(0, connections).Select(_ => new LoadLoop(client, url)).ToArray();
var clock = Stopwatch.StartNew();
using var runEnd = new CancellationTokenSource(duration);
await Task.WhenAll(loops.Select(loop => loop.RunAsync(runEnd.Token)));
var seconds = clock.Elapsed.TotalSeconds;

var latencies = loops.SelectMany(loop => loop.LatenciesMs).Order().ToArray();
var result = new
{
    requests = latencies.Length,
    seconds,
    requestsPerSecond = latencies.Length / seconds,
    p50Ms = Percentile(latencies, 0.50),
    p99Ms = Percentile(latencies, 0.99),
    errors = loops.Sum(loop => loop.Errors),
    non2xx = loops.Sum(loop => loop.Non2xx),
    cpuSeconds = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds,
};
Console.WriteLine(JsonSerializer.Serialize(result));
return 0;

static double Percentile(double[] sorted, double fraction) =>
    sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(fraction * sorted.Length) - 1)];

sealed class LoadLoop(HttpClient client, Uri url)
{
    public List<double> LatenciesMs { get; } = new(capacity: 1 << 16);
    public int Errors { get; private set; }
    public int Non2xx { get; private set; }

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await client.GetAsync(url, HttpCompletionOption.ResponseContentRead, stop);
                LatenciesMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if ((int)response.StatusCode is < 200 or > 399) Non2xx++;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Errors++;
            }
        }
    }
}
