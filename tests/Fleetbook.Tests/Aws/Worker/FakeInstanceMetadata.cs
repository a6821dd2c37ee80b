using System.Collections.Concurrent;
using Fleetbook.Backends.Aws.Worker;

namespace Fleetbook.Tests.Aws.Worker;

/// <summary>
/// EC2 instance metadata (IMDSv2) on a loopback port: session tokens from PUT /latest/api/token, and GETs that must
/// carry a current one unless <see cref="AllowVersionOne"/>. Paths not set answer 404.
/// </summary>
internal sealed class FakeInstanceMetadata : IAsyncDisposable
{
    private readonly LoopbackListener _listener;
    private readonly ConcurrentDictionary<string, string> _documents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _tokens = new(StringComparer.Ordinal);

    public FakeInstanceMetadata() => _listener = new LoopbackListener(AnswerAsync);

    public Uri Url => _listener.Url;

    public ConcurrentQueue<FakeRequest> Requests { get; } = new();

    /// <summary>When set, the token request is never answered in time (as from a container past the hop limit).</summary>
    public bool HangOnTokenRequest { get; set; }

    /// <summary>GETs without a token are answered (IMDSv1 is allowed on the instance).</summary>
    public bool AllowVersionOne { get; set; }

    public int Polls => Requests.Count(r => r.Method == "GET" && r.Path == SpotInterruptionWatcher.NoticePath);

    public void Set(string path, string? document)
    {
        if (document is null)
        {
            _documents.TryRemove(path, out _);
        }
        else
        {
            _documents[path] = document;
        }
    }

    /// <summary>Every token issued so far stops working, as when they expire.</summary>
    public void ExpireTokens() => _tokens.Clear();

    public InstanceMetadataClient Client(TimeProvider time, TimeSpan? timeout = null) =>
        new(new InstanceMetadataOptions { BaseAddress = Url, RequestTimeout = timeout ?? TimeSpan.FromSeconds(2) }, time);

    public async Task WaitForPollsAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Polls < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Polls} poll(s) arrived, not {count}");
            }

            await Task.Delay(5);
        }
    }

    public ValueTask DisposeAsync() => _listener.DisposeAsync();

    private async Task<FakeResponse> AnswerAsync(FakeRequest request)
    {
        Requests.Enqueue(request);
        if (request.Method == "PUT" && request.Path == "/latest/api/token")
        {
            if (HangOnTokenRequest)
            {
                await Task.Delay(TimeSpan.FromSeconds(5));
                return new FakeResponse(500);
            }

            if (!int.TryParse(request.Header("X-aws-ec2-metadata-token-ttl-seconds"), out var ttl) || ttl is < 1 or > 21600)
            {
                return new FakeResponse(400, "bad ttl");
            }

            var token = "token-" + Guid.NewGuid().ToString("N");
            _tokens[token] = true;
            return new FakeResponse(200, token);
        }

        if (request.Method != "GET")
        {
            return new FakeResponse(405);
        }

        var presented = request.Header("X-aws-ec2-metadata-token");
        if (presented is null ? !AllowVersionOne : !_tokens.ContainsKey(presented))
        {
            return new FakeResponse(401);
        }

        return _documents.TryGetValue(request.Path, out var document) ? new FakeResponse(200, document) : new FakeResponse(404, "Not Found");
    }
}
