using System;
using System.Net;
using System.Text;
using System.Threading.Tasks;

namespace ApiGatewayTools.Bench
{
    /// <summary>
    /// The smallest useful HttpListener server: one accept loop that hands every request to the thread pool,
    /// as the local gateway does, and a fixed JSON answer. Its rate is HttpListener's own ceiling on the
    /// machine, so the gateway's figures can be read against it.
    /// </summary>
    public sealed class HelloListener : IDisposable
    {
        private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"ok\":true}");
        private readonly HttpListener _listener = new HttpListener();

        public HelloListener(int port)
        {
            _listener.Prefixes.Add("http://127.0.0.1:" + port + "/");
            _listener.Start();
            Url = "http://127.0.0.1:" + port + "/";
            Task.Run(AcceptLoopAsync);
        }

        public string Url { get; }

        public void Dispose() => _listener.Close();

        private async Task AcceptLoopAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (e is HttpListenerException || e is ObjectDisposedException)
                {
                    return;
                }
                _ = Task.Run(() => ServeAsync(context));
            }
        }

        private static async Task ServeAsync(HttpListenerContext context)
        {
            try
            {
                var response = context.Response;
                response.StatusCode = 200;
                response.ContentType = "application/json";
                response.ContentLength64 = Body.Length;
                await response.OutputStream.WriteAsync(Body, 0, Body.Length).ConfigureAwait(false);
                response.Close();
            }
            catch (HttpListenerException)
            {
                // The client went away mid-answer; nothing to do for a benchmark server.
            }
        }
    }
}
