using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace Fleetbook.Backends.Aws.Connection;

/// <summary>Signs a request with AWSSDK.Core's SigV4 signer (the SDK also signs x-amz-content-sha256, which AWS accepts).</summary>
internal static class AwsRequestSigner
{
    /// <summary>The headers to add: Authorization, X-Amz-Date, X-Amz-Content-SHA256 and, for session credentials, X-Amz-Security-Token.</summary>
    public static IDictionary<string, string> Sign(
        HttpMethod method,
        Uri uri,
        IReadOnlyDictionary<string, string> headers,
        byte[] body,
        ImmutableCredentials credentials,
        string region,
        string signingName,
        DateTime signedAtUtc)
    {
        var request = new AWSSigningRequest { HttpMethod = method, RequestUri = uri, Content = body };
        foreach (var (name, value) in headers)
        {
            request.Headers[name] = value;
        }

        var parameters = new AWSSigV4Parameters
        {
            Credentials = credentials.UseToken
                ? new SessionAWSCredentials(credentials.AccessKey, credentials.SecretKey, credentials.Token)
                : new BasicAWSCredentials(credentials.AccessKey, credentials.SecretKey),
            Region = RegionEndpoint.GetBySystemName(region),
            Service = signingName,
            SignedAt = signedAtUtc,
        };
        return AWSSigV4Signer.Sign(request, parameters).Headers;
    }
}
