using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Fleetbook.Tests.Aws.Worker;

/// <summary>A request as a fake saw it.</summary>
internal sealed record FakeRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>What a fake answers.</summary>
internal sealed record FakeResponse(int Status, string Body = "", string ContentType = "text/plain", IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>An <see cref="HttpListener"/> on 127.0.0.1 and a free port, answering each request with a handler.</summary>
internal sealed class LoopbackListener : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<FakeRequest, Task<FakeResponse>> _handler;
    private readonly Task _serving;

    public LoopbackListener(Func<FakeRequest, Task<FakeResponse>> handler)
    {
        _handler = handler;
        (_listener, Url) = Start();
        _serving = ServeAsync();
    }

    public Uri Url { get; }

    /// <summary>An http URL on 127.0.0.1 where nothing listens.</summary>
    public static Uri RefusingUrl() => new($"http://127.0.0.1:{FreePort()}/");

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
    }

    /// <summary>HttpListener cannot take port 0: ask the system for a free port, and try again if another process took it first.</summary>
    private static (HttpListener, Uri) Start()
    {
        for (var attempt = 0; ; attempt++)
        {
            var url = new Uri($"http://127.0.0.1:{FreePort()}/");
            var listener = new HttpListener();
            listener.Prefixes.Add(url.ToString());
            try
            {
                listener.Start();
                return (listener, url);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task ServeAsync()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null)
                .ToDictionary(k => k!, k => context.Request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
            var request = new FakeRequest(context.Request.HttpMethod, context.Request.Url?.AbsolutePath ?? "/", headers, body);
            var response = await _handler(request);
            var bytes = Encoding.UTF8.GetBytes(response.Body);
            context.Response.StatusCode = response.Status;
            context.Response.ContentType = response.ContentType;
            foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }

            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or IOException)
        {
            // the client went away
        }
    }
}
