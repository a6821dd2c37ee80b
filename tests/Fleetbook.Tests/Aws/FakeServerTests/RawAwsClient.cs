using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Fleetbook.Backends.Aws;
using Fleetbook.Tests.Aws.Fake;

namespace Fleetbook.Tests.Aws.FakeServerTests;

/// <summary>
/// Hand-made AWS requests for the fake's own tests: JSON with X-Amz-Target, EC2 query forms, and a dummy (but
/// well-formed) SigV4 Authorization header; the fake does not verify signatures.
/// </summary>
internal sealed class RawAwsClient(FakeAwsServer server) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(server.Url + "/"), Timeout = TimeSpan.FromSeconds(30) };

    public sealed record Reply(int Status, string Body, HttpResponseMessage Message)
    {
        public JsonObject Json => (JsonObject)JsonNode.Parse(Body)!;

        public XDocument Xml => XDocument.Parse(Body);

        /// <summary>The error code of a JSON error (__type) or an EC2 one (Response/Errors/Error/Code).</summary>
        public string? ErrorCode => Body.TrimStart().StartsWith('<')
            ? Xml.Descendants("Code").FirstOrDefault()?.Value
            : Json["__type"]?.GetValue<string>();

        public override string ToString() => $"{Status}: {Body}";
    }

    public async Task<Reply> Json(AwsService service, string operation, JsonObject input, bool signed = true, string? scope = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "");
        request.Content = new StringContent(input.ToJsonString(), Encoding.UTF8);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue($"application/x-amz-json-{service.JsonVersion}");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", $"{service.TargetPrefix}.{operation}");
        Sign(request, scope ?? service.SigningName, signed, "content-type;host;x-amz-date;x-amz-target");
        return await Send(request);
    }

    public Task<Reply> Ecs(string operation, JsonObject input) => Json(AwsService.Ecs, operation, input);

    public Task<Reply> Logs(string operation, JsonObject input) => Json(AwsService.Logs, operation, input);

    public Task<Reply> CloudWatch(string operation, JsonObject input) => Json(AwsService.CloudWatch, operation, input);

    /// <summary>An EC2 query request: Action, Version and the given parameters, form-encoded.</summary>
    public async Task<Reply> Ec2(string action, IEnumerable<KeyValuePair<string, string>> parameters, bool signed = true, string version = "2016-11-15")
    {
        var all = new List<KeyValuePair<string, string>> { new("Action", action), new("Version", version) };
        all.AddRange(parameters);
        using var request = new HttpRequestMessage(HttpMethod.Post, "");
        request.Content = new FormUrlEncodedContent(all);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") { CharSet = "utf-8" };
        Sign(request, "ec2", signed, "content-type;host;x-amz-date");
        return await Send(request);
    }

    public Task<Reply> Ec2(string action, params (string Key, string Value)[] parameters) =>
        Ec2(action, parameters.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));

    /// <summary>The values of every element with this local name in an EC2 response (any depth).</summary>
    public static IReadOnlyList<string> Values(Reply reply, string localName) =>
        reply.Xml.Descendants().Where(e => e.Name.LocalName == localName).Select(e => e.Value).ToList();

    private void Sign(HttpRequestMessage request, string scopeService, bool signed, string signedHeaders)
    {
        var now = DateTime.UtcNow;
        request.Headers.TryAddWithoutValidation("X-Amz-Date", now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        if (signed)
        {
            request.Headers.TryAddWithoutValidation("Authorization",
                $"AWS4-HMAC-SHA256 Credential={server.AccessKeyId}/{now:yyyyMMdd}/{server.Region}/{scopeService}/aws4_request, SignedHeaders={signedHeaders}, Signature={new string('0', 64)}");
        }
    }

    private async Task<Reply> Send(HttpRequestMessage request)
    {
        var response = await _http.SendAsync(request);
        return new Reply((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    public void Dispose() => _http.Dispose();
}
