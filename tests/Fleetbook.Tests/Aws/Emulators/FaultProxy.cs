using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Fleetbook.Tests.Aws.Emulators;

/// <summary>What a <see cref="FaultProxy"/> does to a request.</summary>
public enum FaultKind
{
    Forward,

    /// <summary>400 with SQS's throttling error (JSON <c>__type</c> and the <c>x-amzn-query-error</c> header).</summary>
    Throttle,

    /// <summary>500 InternalError.</summary>
    ServerError,

    /// <summary>The connection is reset once the request's headers have arrived, before its body is read: the emulator never sees it.</summary>
    Drop,
}

/// <summary>How often each fault happens; the rest is forwarded. The seed makes a run repeatable.</summary>
public sealed record FaultPlan(double ThrottleRate, double ServerErrorRate, double DropRate, int Seed = 20_251_121)
{
    public static readonly FaultPlan None = new(0, 0, 0);

    /// <summary>About <paramref name="rate"/> of requests fail, split evenly between the three faults.</summary>
    public static FaultPlan Evenly(double rate, int seed = 20_251_121) => new(rate / 3, rate / 3, rate / 3, seed);
}

/// <summary>
/// A loopback HTTP/1.1 proxy in front of an emulator that injects the failures a client must survive: throttling,
/// server errors and broken connections, chosen by a seeded random draw per request, and counts what it did.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Content-Length", "Transfer-Encoding", "Expect", "Proxy-Connection", "TE", "Upgrade",
    };

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _upstream;
    private readonly Random _random;
    private readonly Lock _randomLock = new();
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly Task _acceptLoop;
    private int _forwarded;
    private int _throttled;
    private int _serverErrors;
    private int _dropped;

    public FaultProxy(string upstream, FaultPlan plan)
    {
        _upstream = new Uri(upstream);
        Plan = plan;
        _random = new Random(plan.Seed);
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AutomaticDecompression = DecompressionMethods.None, AllowAutoRedirect = false })
        {
            Timeout = TimeSpan.FromMinutes(2),
        };
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    /// <summary>Faults can be changed while the proxy runs (for instance off during setup, on during the run).</summary>
    public FaultPlan Plan { get; set; }

    public string Endpoint => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public int Forwarded => Volatile.Read(ref _forwarded);
    public int Throttled => Volatile.Read(ref _throttled);
    public int ServerErrors => Volatile.Read(ref _serverErrors);
    public int Dropped => Volatile.Read(ref _dropped);
    public int Faults => Throttled + ServerErrors + Dropped;
    public int Requests => Forwarded + Faults;

    public override string ToString() =>
        $"{Requests} requests: {Forwarded} forwarded, {Throttled} throttled, {ServerErrors} server errors, {Dropped} dropped";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Task[] connections;
        lock (_connections)
        {
            connections = [.. _connections];
        }

        await Task.WhenAll(connections.Append(_acceptLoop).Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        _http.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_connections)
            {
                _connections.RemoveAll(t => t.IsCompleted);
                _connections.Add(ServeAsync(client));
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            client.NoDelay = true;
            var stream = client.GetStream();
            var reader = new RequestReader(stream);
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var head = await reader.ReadHeadAsync(_stop.Token);
                    if (head is null)
                    {
                        return;
                    }

                    var fault = Draw();
                    if (fault == FaultKind.Drop)
                    {
                        Interlocked.Increment(ref _dropped);
                        client.LingerState = new LingerOption(true, 0); // close with a reset, as a dying load balancer would
                        return;
                    }

                    if (head.ExpectsContinue)
                    {
                        await stream.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), _stop.Token);
                    }

                    var body = await reader.ReadBodyAsync(head, _stop.Token);
                    switch (fault)
                    {
                        case FaultKind.Throttle:
                            Interlocked.Increment(ref _throttled);
                            await WriteErrorAsync(stream, 400, "Bad Request", "ThrottlingException;Sender", "com.amazonaws.sqs#ThrottlingException", "Rate exceeded");
                            break;
                        case FaultKind.ServerError:
                            Interlocked.Increment(ref _serverErrors);
                            await WriteErrorAsync(stream, 500, "Internal Server Error", "InternalError;Receiver", "com.amazonaws.sqs#InternalError", "We encountered an internal error. Please try again.");
                            break;
                        default:
                            await ForwardAsync(stream, head, body);
                            Interlocked.Increment(ref _forwarded);
                            break;
                    }

                    if (head.WantsClose)
                    {
                        return;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException or HttpRequestException)
            {
                // The client went away, or the proxy is stopping.
            }
        }
    }

    private FaultKind Draw()
    {
        var plan = Plan;
        double draw;
        lock (_randomLock)
        {
            draw = _random.NextDouble();
        }

        if (draw < plan.ThrottleRate)
        {
            return FaultKind.Throttle;
        }

        if (draw < plan.ThrottleRate + plan.ServerErrorRate)
        {
            return FaultKind.ServerError;
        }

        return draw < plan.ThrottleRate + plan.ServerErrorRate + plan.DropRate ? FaultKind.Drop : FaultKind.Forward;
    }

    private async Task ForwardAsync(NetworkStream stream, RequestHead head, byte[] body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(head.Method), new Uri(_upstream, head.Target));
        request.Content = new ByteArrayContent(body);
        foreach (var (name, value) in head.Headers)
        {
            if (HopHeaders.Contains(name))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, _stop.Token);
        var content = await response.Content.ReadAsByteArrayAsync(_stop.Token);
        var text = new StringBuilder($"HTTP/1.1 {(int)response.StatusCode} {response.ReasonPhrase}\r\n");
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopHeaders.Contains(name))
            {
                foreach (var value in values)
                {
                    text.Append(name).Append(": ").Append(value).Append("\r\n");
                }
            }
        }

        text.Append("Content-Length: ").Append(content.Length).Append("\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text.ToString()), _stop.Token);
        await stream.WriteAsync(content, _stop.Token);
    }

    private async Task WriteErrorAsync(NetworkStream stream, int status, string reason, string queryError, string type, string message)
    {
        var body = Encoding.UTF8.GetBytes($$"""{"__type":"{{type}}","message":"{{message}}"}""");
        var head = $"HTTP/1.1 {status} {reason}\r\nContent-Type: application/x-amz-json-1.0\r\nx-amzn-query-error: {queryError}\r\n" +
                   $"x-amzn-RequestId: {Guid.NewGuid()}\r\nContent-Length: {body.Length}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), _stop.Token);
        await stream.WriteAsync(body, _stop.Token);
    }

    private sealed record RequestHead(string Method, string Target, IReadOnlyList<(string Name, string Value)> Headers)
    {
        public string? Header(string name) => Headers.FirstOrDefault(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

        public bool ExpectsContinue => string.Equals(Header("Expect"), "100-continue", StringComparison.OrdinalIgnoreCase);

        public bool WantsClose => string.Equals(Header("Connection"), "close", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Reads HTTP/1.1 requests off a connection: the head line by line, then a Content-Length or chunked body.</summary>
    private sealed class RequestReader(NetworkStream stream)
    {
        private readonly byte[] _buffer = new byte[64 * 1024];
        private int _start;
        private int _end;

        public async Task<RequestHead?> ReadHeadAsync(CancellationToken cancellationToken)
        {
            var requestLine = await ReadLineAsync(cancellationToken);
            while (requestLine is { Length: 0 })
            {
                requestLine = await ReadLineAsync(cancellationToken);
            }

            if (requestLine is null)
            {
                return null;
            }

            var parts = requestLine.Split(' ');
            var headers = new List<(string, string)>();
            while (await ReadLineAsync(cancellationToken) is { Length: > 0 } line)
            {
                var colon = line.IndexOf(':');
                headers.Add((line[..colon].Trim(), line[(colon + 1)..].Trim()));
            }

            return new RequestHead(parts[0], parts[1], headers);
        }

        public async Task<byte[]> ReadBodyAsync(RequestHead head, CancellationToken cancellationToken)
        {
            if (string.Equals(head.Header("Transfer-Encoding"), "chunked", StringComparison.OrdinalIgnoreCase))
            {
                var body = new MemoryStream();
                while (true)
                {
                    var size = Convert.ToInt32((await ReadLineAsync(cancellationToken))!.Split(';')[0].Trim(), 16);
                    if (size == 0)
                    {
                        while (await ReadLineAsync(cancellationToken) is { Length: > 0 })
                        {
                        }

                        return body.ToArray();
                    }

                    body.Write(await ReadExactlyAsync(size, cancellationToken));
                    await ReadLineAsync(cancellationToken);
                }
            }

            return int.TryParse(head.Header("Content-Length"), out var length) && length > 0 ? await ReadExactlyAsync(length, cancellationToken) : [];
        }

        private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            var line = new List<byte>();
            while (true)
            {
                if (_start == _end && !await FillAsync(cancellationToken))
                {
                    return line.Count == 0 ? null : throw new IOException("The connection closed in the middle of a line.");
                }

                var b = _buffer[_start++];
                if (b == '\n')
                {
                    return Encoding.ASCII.GetString([.. line]).TrimEnd('\r');
                }

                line.Add(b);
            }
        }

        private async Task<byte[]> ReadExactlyAsync(int count, CancellationToken cancellationToken)
        {
            var result = new byte[count];
            var filled = 0;
            while (filled < count)
            {
                if (_start == _end && !await FillAsync(cancellationToken))
                {
                    throw new IOException("The connection closed in the middle of a body.");
                }

                var take = Math.Min(count - filled, _end - _start);
                Array.Copy(_buffer, _start, result, filled, take);
                _start += take;
                filled += take;
            }

            return result;
        }

        private async Task<bool> FillAsync(CancellationToken cancellationToken)
        {
            _start = 0;
            _end = await stream.ReadAsync(_buffer, cancellationToken);
            return _end > 0;
        }
    }
}
