using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Fleetbook.Tests.Aws.Conformance;

/// <summary>
/// Signature Version 4 written from the specification, independent of AWSSDK.Core: canonical request, string to
/// sign, signing key, signature. Paths are normalized (dot segments and empty segments removed) and each segment
/// URI-encoded once; query parameters are decoded, re-encoded and sorted by encoded name, then value; header
/// names are lower-cased and sorted, values trimmed with inner runs of white space (folded lines included)
/// collapsed to one space, repeated headers joined with commas.
/// </summary>
internal static partial class ReferenceSigner
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    public static string CanonicalRequest(string method, string path, string query, IEnumerable<(string Name, string Value)> headers, byte[] body, out string signedHeaders)
    {
        var canonicalHeaders = headers
            .GroupBy(h => h.Name.ToLowerInvariant())
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Value: string.Join(',', g.Select(h => Whitespace().Replace(h.Value.Trim(), " ")))))
            .ToList();
        signedHeaders = string.Join(';', canonicalHeaders.Select(h => h.Name));
        return string.Join('\n',
            method,
            CanonicalPath(path),
            CanonicalQuery(query),
            string.Concat(canonicalHeaders.Select(h => $"{h.Name}:{h.Value}\n")),
            signedHeaders,
            Hex(SHA256.HashData(body)));
    }

    public static string StringToSign(string amzDate, string scope, string canonicalRequest) =>
        string.Join('\n', Algorithm, amzDate, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));

    public static string Scope(string amzDate, string region, string service) => $"{amzDate[..8]}/{region}/{service}/aws4_request";

    public static string Signature(string secretKey, string amzDate, string region, string service, string stringToSign)
    {
        var key = Encoding.UTF8.GetBytes("AWS4" + secretKey);
        foreach (var part in new[] { amzDate[..8], region, service, "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        return Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }

    public static string Authorization(string accessKey, string scope, string signedHeaders, string signature) =>
        $"{Algorithm} Credential={accessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";

    public static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private static string CanonicalPath(string path)
    {
        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }
            }
            else if (segment is not ("" or "."))
            {
                segments.Add(segment);
            }
        }

        var trailingSlash = segments.Count > 0 && (path.EndsWith('/') || path.EndsWith("/.", StringComparison.Ordinal));
        return "/" + string.Join('/', segments.Select(Encode)) + (trailingSlash ? "/" : "");
    }

    private static string CanonicalQuery(string query) =>
        string.Join('&', query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(pair => (Name: Encode(Uri.UnescapeDataString(pair[0])), Value: Encode(pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : "")))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));

    private static string Encode(string text)
    {
        var encoded = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            encoded.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' ? c.ToString() : $"%{b:X2}");
        }

        return encoded.ToString();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
