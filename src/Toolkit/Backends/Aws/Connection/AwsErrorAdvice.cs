using System.Text.RegularExpressions;
using Amazon.Runtime;

namespace Fleetbook.Backends.Aws.Connection;

/// <summary>What to check after a failed call, in one sentence.</summary>
internal static class AwsErrorAdvice
{
    private static readonly HashSet<string> RejectedCredentials = new(StringComparer.Ordinal)
    {
        "UnrecognizedClientException", "InvalidClientTokenId", "SignatureDoesNotMatch", "InvalidSignatureException",
        "IncompleteSignature", "MissingAuthenticationToken", "MissingAuthenticationTokenException", "AuthFailure",
        "InvalidAccessKeyId", "InvalidToken", "ExpiredToken", "ExpiredTokenException", "RequestExpired",
    };

    private static readonly HashSet<string> Denied = new(StringComparer.Ordinal)
    {
        "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedAccess", "AuthorizationError",
        "Blocked", "OptInRequired",
    };

    private static readonly HashSet<string> MissingQueue = new(StringComparer.Ordinal)
    {
        "QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue", "NonExistentQueue",
    };

    public const string NoCredentials =
        "Check the profile's keys (aws configure list), set AWS_PROFILE, or run `aws sso login` if the profile uses SSO.";

    public static string? ForServiceError(AwsService service, string operation, string code, int statusCode, int attempts)
    {
        if (RejectedCredentials.Contains(code))
        {
            return code.StartsWith("Expired", StringComparison.Ordinal) || code == "RequestExpired"
                ? "The credentials have expired: run `aws sso login` or refresh the session keys, and check the machine's clock."
                : "AWS refused the credentials: check the profile's keys (aws configure list) and the machine's clock, or run `aws sso login` if the profile uses SSO.";
        }

        if (Denied.Contains(code))
        {
            return code == "OptInRequired"
                ? $"The account is not subscribed to {service.DisplayName} in this region."
                : $"The identity lacks {service.SigningName}:{operation} permission: add it to the IAM policy of the user or role.";
        }

        if (MissingQueue.Contains(code))
        {
            return "The queue does not exist (in this region): run `fleetbook setup` first.";
        }

        if (code is "ClusterNotFoundException" or "ServiceNotFoundException")
        {
            return "Run `fleetbook setup` first, and check the region.";
        }

        return AwsRetryRules.Classify(statusCode, code) switch
        {
            RetryKind.Throttling => $"AWS was still throttling after {attempts} attempts: retry later or make fewer calls at once.",
            RetryKind.Transient => $"{service.DisplayName} was still failing after {attempts} attempts: retry later.",
            _ => null,
        };
    }

    public static string Unreachable(AwsEndpoint endpoint, AwsService service) => endpoint.Source switch
    {
        AwsEndpoints.RegionSource => $"Cannot reach {endpoint.Uri}: check the region, the network (proxy, firewall), or set AWS_ENDPOINT_URL_{service.Id} or AWS_ENDPOINT_URL.",
        "options" => $"Cannot reach {endpoint.Uri} (the configured {service.DisplayName} endpoint): check it, the network, or AWS_ENDPOINT_URL.",
        _ => $"Cannot reach {endpoint.Uri} (from {endpoint.Source}): check that variable, the network, and that the emulator or proxy is running.",
    };
}

/// <summary>
/// Keeps secrets out of messages. Services can echo the request back: a SigV4 SignatureDoesNotMatch answer quotes
/// the canonical request, session token included.
/// </summary>
internal static partial class SecretScrubber
{
    private const string Redacted = "[redacted]";

    public static string Scrub(string text, ImmutableCredentials? credentials)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var cut = text.IndexOf("The Canonical String for this request", StringComparison.OrdinalIgnoreCase);
        if (cut < 0)
        {
            cut = text.IndexOf("The String-to-Sign should have been", StringComparison.OrdinalIgnoreCase);
        }

        if (cut >= 0)
        {
            text = text[..cut].TrimEnd() + " (the canonical request the service quoted is left out)";
        }

        if (credentials is not null)
        {
            foreach (var secret in new[] { credentials.SecretKey, credentials.Token })
            {
                if (!string.IsNullOrEmpty(secret) && secret.Length >= 8)
                {
                    text = text.Replace(secret, Redacted, StringComparison.Ordinal);
                }
            }
        }

        text = SignaturePattern().Replace(text, "Signature=" + Redacted);
        text = AuthorizationPattern().Replace(text, Redacted);
        return TokenHeaderPattern().Replace(text, "x-amz-security-token:" + Redacted);
    }

    [GeneratedRegex("Signature=[0-9A-Fa-f]+")]
    private static partial Regex SignaturePattern();

    [GeneratedRegex(@"(?i)authorization\s*[:=]\s*AWS4-HMAC-SHA256[^\r\n]*")]
    private static partial Regex AuthorizationPattern();

    [GeneratedRegex(@"(?i)x-amz-security-token\s*[:=]\s*[^\s&'""]+")]
    private static partial Regex TokenHeaderPattern();
}
