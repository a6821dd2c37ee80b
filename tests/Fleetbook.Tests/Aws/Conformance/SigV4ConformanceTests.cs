using System.Text.RegularExpressions;
using Amazon.Runtime;
using Fleetbook.Backends.Aws.Connection;

namespace Fleetbook.Tests.Aws.Conformance;

/// <summary>
/// The official SigV4 suite, twice over: an independent reference signer reproduces every case's canonical request,
/// string to sign and authorization; and the connection's signing path (AWSSDK.Core's AWSSigV4Signer) signs every
/// case it can express exactly as the reference signs the same header set.
/// </summary>
public sealed partial class SigV4ConformanceTests
{
    public const string ReferencePrefix = "sigv4-reference|";
    public const string SdkPrefix = "sigv4-sdk|";

    public static IEnumerable<object[]> ReferenceCases() =>
        ConformanceFiles.Available ? SigV4Case.Names().Select(name => new object[] { ReferencePrefix + name }) : [];

    public static IEnumerable<object[]> SdkCases() =>
        ConformanceFiles.Available ? SigV4Case.Names().Select(name => new object[] { SdkPrefix + name }) : [];

    [ConformanceTheory]
    [MemberData(nameof(ReferenceCases))]
    public void The_reference_signer_reproduces_the_suite(string key)
    {
        // Arrange
        var @case = SigV4Case.Load(key[ReferencePrefix.Length..]);
        var scope = ReferenceSigner.Scope(@case.AmzDate, SigV4Case.Region, SigV4Case.Service);

        // Act
        var canonical = ReferenceSigner.CanonicalRequest(@case.Method, @case.Path, @case.Query, @case.SignedRequestHeaders, @case.Body, out var signedHeaders);
        var stringToSign = ReferenceSigner.StringToSign(@case.AmzDate, scope, canonical);
        var signature = ReferenceSigner.Signature(SigV4Case.SecretKey, @case.AmzDate, SigV4Case.Region, SigV4Case.Service, stringToSign);

        // Assert
        Assert.Equal(@case.CanonicalRequest, canonical);
        Assert.Equal(@case.StringToSign, stringToSign);
        Assert.Equal(@case.Authorization, ReferenceSigner.Authorization(SigV4Case.AccessKey, scope, signedHeaders, signature));
    }

    [ConformanceTheory]
    [MemberData(nameof(SdkCases))]
    public void The_connection_signs_as_the_reference_does_for_the_headers_it_signs(string key)
    {
        // Arrange
        var @case = SigV4Case.Load(key[SdkPrefix.Length..]);
        var uri = new Uri($"https://{@case.Host}{@case.Path}{(@case.Query.Length > 0 ? "?" + @case.Query : "")}");
        // What an HTTP client can send: repeated headers joined with commas (RFC 9110 5.3), folded lines unfolded
        // (RFC 9112 5.2); Host comes from the URI, X-Amz-Date from the signing time, the token from the credentials.
        var headers = @case.Headers
            .Where(h => !IsSignerOwned(h.Name))
            .GroupBy(h => h.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => string.Join(',', g.Select(h => FoldedLine().Replace(h.Value, " "))), StringComparer.OrdinalIgnoreCase);
        var credentials = new ImmutableCredentials(SigV4Case.AccessKey, SigV4Case.SecretKey, @case.SessionToken);

        // Act
        var signed = AwsRequestSigner.Sign(new HttpMethod(@case.Method), uri, headers, @case.Body, credentials, SigV4Case.Region, SigV4Case.Service, @case.SignedAt);

        // Assert
        var authorization = signed["Authorization"];
        var sdkSignedHeaders = Regex.Match(authorization, "SignedHeaders=([^,]+)").Groups[1].Value;
        var sdkSignature = Regex.Match(authorization, "Signature=([0-9a-f]+)").Groups[1].Value;
        IReadOnlyList<(string Name, string Value)> referenceHeaders = [.. @case.SignedRequestHeaders, ("X-Amz-Content-SHA256", signed["X-Amz-Content-SHA256"])];

        // The reference signs the path as the service receives it (the URI's encoded path), which is what makes
        // AWS encode it twice for every service but S3.
        var canonical = ReferenceSigner.CanonicalRequest(@case.Method, uri.AbsolutePath, uri.Query.TrimStart('?'), referenceHeaders, @case.Body, out var signedHeaders);
        var scope = ReferenceSigner.Scope(@case.AmzDate, SigV4Case.Region, SigV4Case.Service);
        var expected = ReferenceSigner.Signature(SigV4Case.SecretKey, @case.AmzDate, SigV4Case.Region, SigV4Case.Service,
            ReferenceSigner.StringToSign(@case.AmzDate, scope, canonical));

        Assert.Equal(signedHeaders, sdkSignedHeaders);
        Assert.Equal($"{ReferenceSigner.Algorithm} Credential={SigV4Case.AccessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={expected}", authorization);
        Assert.Equal(expected, sdkSignature);
        Assert.Equal(@case.SessionToken, signed.TryGetValue("X-Amz-Security-Token", out var token) ? token : null);
    }

    private static bool IsSignerOwned(string name) =>
        name.Equals("Host", StringComparison.OrdinalIgnoreCase) || name.Equals("X-Amz-Date", StringComparison.OrdinalIgnoreCase)
        || name.Equals("X-Amz-Security-Token", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"\n[ \t]+")]
    private static partial Regex FoldedLine();
}
