using System.Globalization;
using System.Text;

namespace Fleetbook.Tests.Aws.Conformance;

/// <summary>
/// One case of the SigV4 suite (sigv4/&lt;case&gt;/&lt;name&gt;.req|.creq|.sts|.authz): the raw request, its
/// credentials and what signing it must give. All cases sign as AKIDEXAMPLE for us-east-1 and service "service".
/// </summary>
internal sealed record SigV4Case(
    string Name,
    string Method,
    string Path,
    string Query,
    IReadOnlyList<(string Name, string Value)> Headers,
    byte[] Body,
    string? SessionToken,
    string CanonicalRequest,
    string StringToSign,
    string Authorization)
{
    public const string AccessKey = "AKIDEXAMPLE";
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    public const string Region = "us-east-1";
    public const string Service = "service";

    /// <summary>The suite gives this case's token only inside its expected canonical request.</summary>
    private const string VanillaSessionToken = "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267";

    public string AmzDate => Header("X-Amz-Date")!;

    public DateTime SignedAt => DateTime.ParseExact(AmzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    public string Host => Header("Host")!;

    /// <summary>The headers the signer must cover: the request's own, plus the session token when the case signs one.</summary>
    public IReadOnlyList<(string Name, string Value)> SignedRequestHeaders =>
        SessionToken is not null && Header("X-Amz-Security-Token") is null ? [.. Headers, ("X-Amz-Security-Token", SessionToken)] : Headers;

    public string? Header(string name) =>
        Headers.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

    public static IEnumerable<string> Names() =>
        Directory.EnumerateFiles(ConformanceFiles.Path("sigv4"), "*.req", SearchOption.AllDirectories)
            .Select(file => System.IO.Path.GetRelativePath(ConformanceFiles.Path("sigv4"), System.IO.Path.GetDirectoryName(file)!).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    public static SigV4Case Load(string name)
    {
        var folder = ConformanceFiles.Path("sigv4", name);
        var stem = System.IO.Path.Combine(folder, System.IO.Path.GetFileName(name));
        var lines = File.ReadAllText(stem + ".req", Encoding.UTF8).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');

        // "GET /example space/ HTTP/1.1": the target may hold spaces.
        var requestLine = lines[0];
        var method = requestLine[..requestLine.IndexOf(' ', StringComparison.Ordinal)];
        var target = requestLine[(method.Length + 1)..requestLine.LastIndexOf(" HTTP/", StringComparison.Ordinal)];
        var question = target.IndexOf('?', StringComparison.Ordinal);

        var headers = new List<(string Name, string Value)>();
        var index = 1;
        for (; index < lines.Length && lines[index].Length > 0; index++)
        {
            if (char.IsWhiteSpace(lines[index][0]))
            {
                headers[^1] = (headers[^1].Name, headers[^1].Value + "\n" + lines[index]); // a folded line continues the header above
            }
            else
            {
                var colon = lines[index].IndexOf(':', StringComparison.Ordinal);
                headers.Add((lines[index][..colon], lines[index][(colon + 1)..]));
            }
        }

        var body = index < lines.Length ? string.Join('\n', lines[(index + 1)..]) : "";
        var token = headers.Where(h => h.Name.Equals("X-Amz-Security-Token", StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault()
            ?? (name == "get-vanilla-with-session-token" ? VanillaSessionToken : null);
        return new SigV4Case(
            name,
            method,
            question < 0 ? target : target[..question],
            question < 0 ? "" : target[(question + 1)..],
            headers,
            Encoding.UTF8.GetBytes(body),
            token,
            File.ReadAllText(stem + ".creq", Encoding.UTF8),
            File.ReadAllText(stem + ".sts", Encoding.UTF8),
            File.ReadAllText(stem + ".authz", Encoding.UTF8));
    }
}
