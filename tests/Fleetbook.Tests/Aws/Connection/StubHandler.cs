using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Fleetbook.Tests.Aws.Connection;

/// <summary>An HTTP stack that answers in memory, for tests where the network is not the point.</summary>
internal sealed class StubHandler(Func<ReceivedRequest, int, HttpResponseMessage> answer) : HttpMessageHandler
{
    private int calls;

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    public int Calls => Volatile.Read(ref calls);

    public static HttpResponseMessage Json(int status, string body, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.0") };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    public static HttpResponseMessage Xml(int status, string body) =>
        new((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "text/xml") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
        {
            headers[name] = string.Join(",", values);
        }

        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var received = new ReceivedRequest(request.Method.Method, request.RequestUri!.ToString(), headers, body);
        Requests.Enqueue(received);
        return answer(received, Interlocked.Increment(ref calls));
    }
}
