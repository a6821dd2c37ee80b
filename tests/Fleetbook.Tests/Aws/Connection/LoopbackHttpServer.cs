using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Fleetbook.Tests.Aws.Connection;

/// <summary>A request as it reached <see cref="LoopbackHttpServer"/>.</summary>
internal sealed record ReceivedRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>What <see cref="LoopbackHttpServer"/> answers.</summary>
internal sealed record CannedResponse(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>A minimal HTTP/1.1 server on 127.0.0.1 and a port the system picks: one request per connection.</summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Func<ReceivedRequest, CannedResponse> respond;
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;

    public LoopbackHttpServer(Func<ReceivedRequest, CannedResponse> respond)
    {
        this.respond = respond;
        listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        accepting = AcceptAsync();
    }

    public Uri Url { get; }

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    /// <summary>An http URL on 127.0.0.1 where nothing listens (a port the system gave out and was handed back).</summary>
    public static Uri RefusingUrl()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await accepting;
        }
        catch (OperationCanceledException)
        {
        }

        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var head = await ReadHeadAsync(stream);
            var lines = head.Split("\r\n");
            var requestLine = lines[0].Split(' ');
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }

            var body = new byte[headers.TryGetValue("Content-Length", out var length) ? int.Parse(length) : 0];
            await stream.ReadExactlyAsync(body);
            var request = new ReceivedRequest(requestLine[0], requestLine[1], headers, body);
            Requests.Enqueue(request);

            var response = respond(request);
            var content = Encoding.UTF8.GetBytes(response.Body);
            var text = new StringBuilder($"HTTP/1.1 {response.Status} {(HttpStatusCode)response.Status}\r\nContent-Length: {content.Length}\r\nConnection: close\r\n");
            foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
            {
                text.Append($"{name}: {value}\r\n");
            }

            await stream.WriteAsync(Encoding.ASCII.GetBytes(text.Append("\r\n").ToString()));
            await stream.WriteAsync(content);
        }
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (bytes.Count < 4 || !(bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n'))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                break;
            }

            bytes.Add(one[0]);
        }

        return Encoding.ASCII.GetString(bytes.ToArray());
    }
}
