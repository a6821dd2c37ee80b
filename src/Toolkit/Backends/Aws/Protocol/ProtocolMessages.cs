using System.Text.Json.Nodes;

namespace Fleetbook.Backends.Aws.Protocol;

/// <summary>An operation's request as the protocol lays it out, before it is addressed and signed.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The request path relative to the endpoint's own path ("/" for every RPC protocol).</param>
/// <param name="Headers">The protocol's headers (Content-Type, X-Amz-Target, Content-Encoding).</param>
/// <param name="Body">The body bytes.</param>
/// <param name="HostPrefix">The operation's host prefix with its labels filled in, such as "stream-", or null.</param>
public sealed record SerializedRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    string? HostPrefix);

/// <summary>A service's HTTP answer, as the protocols read it.</summary>
public sealed record ProtocolResponse(int StatusCode, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public static IReadOnlyDictionary<string, string> HeaderMap(IEnumerable<KeyValuePair<string, string>> headers)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            map[name] = value;
        }

        return map;
    }
}

/// <summary>An error answer, parsed: the code without namespace, the message, the request id and the modeled fields.</summary>
/// <param name="Code">The error code, such as "ThrottlingException"; the HTTP status code when the answer names none.</param>
/// <param name="Message">The service's message, or "" when it gave none.</param>
/// <param name="RequestId">The request id the service reported.</param>
/// <param name="Fields">The error shape's members, read like an output (empty when the error is not modeled).</param>
public sealed record AwsErrorInfo(string Code, string Message, string? RequestId, JsonObject Fields);

/// <summary>The knobs of serialization that callers (and tests) may turn.</summary>
public sealed record ProtocolSettings
{
    public const int DefaultMinCompressionBytes = 10240;

    public static ProtocolSettings Default { get; } = new();

    /// <summary>Makes the value of an idempotency token the caller left out.</summary>
    public Func<string> NewIdempotencyToken { get; init; } = () => Guid.NewGuid().ToString();

    /// <summary>Bodies of operations with the <c>requestcompression</c> trait are gzipped from this size on (as the SDKs do).</summary>
    public int MinCompressionBytes { get; init; } = DefaultMinCompressionBytes;

    public bool DisableRequestCompression { get; init; }
}
