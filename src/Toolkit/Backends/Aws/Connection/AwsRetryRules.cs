using System.Collections.Frozen;

namespace Fleetbook.Backends.Aws.Connection;

internal enum RetryKind
{
    None,
    Throttling,
    Transient,
}

/// <summary>The SDKs' standard retry mode: which answers are retried, and how long to wait before each retry.</summary>
internal static class AwsRetryRules
{
    public static readonly FrozenSet<string> ThrottlingCodes = new[]
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorBaseClientThrottle",
        "EC2ThrottledException",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static readonly FrozenSet<string> TransientCodes = new[]
    {
        "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static readonly FrozenSet<int> TransientStatusCodes = new[] { 500, 502, 503, 504 }.ToFrozenSet();

    /// <summary>Codes a service answers when the request's clock is off; the SDKs correct the skew and retry.</summary>
    public static readonly FrozenSet<string> ClockSkewCodes = new[]
    {
        "RequestTimeTooSkewed", "RequestExpired", "RequestInTheFuture", "InvalidSignatureException", "SignatureDoesNotMatch", "AuthFailure",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static readonly FrozenSet<string> ExpiredCredentialCodes = new[]
    {
        "ExpiredToken", "ExpiredTokenException",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// Classifies an error answer. Query-compatible services may prefix their codes ("AWS.SimpleQueueService.RequestThrottled"),
    /// so the last dotted segment is checked too. HTTP 429 counts as throttling, as in the Java SDK.
    /// </summary>
    public static RetryKind Classify(int statusCode, string code)
    {
        var bare = code[(code.LastIndexOf('.') + 1)..];
        if (ThrottlingCodes.Contains(code) || ThrottlingCodes.Contains(bare) || statusCode == 429)
        {
            return RetryKind.Throttling;
        }

        return TransientCodes.Contains(code) || TransientCodes.Contains(bare) || TransientStatusCodes.Contains(statusCode)
            ? RetryKind.Transient
            : RetryKind.None;
    }

    /// <summary>Full jitter: random(0, min(cap, base·2^(retry-1))) for retry 1, 2, …</summary>
    public static TimeSpan Backoff(int retry, TimeSpan baseDelay, TimeSpan cap, double random)
    {
        var ceiling = Math.Min(cap.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, retry - 1));
        return TimeSpan.FromMilliseconds(Math.Clamp(random, 0, 1) * Math.Max(0, ceiling));
    }
}

/// <summary>
/// The standard mode's retry quota: retries spend tokens (more for timeouts), successes give them back, so that a
/// failing service is not hammered by every call retrying at once.
/// </summary>
internal sealed class RetryQuota
{
    public const int InitialTokens = 500;
    public const int RetryCost = 5;
    public const int TimeoutRetryCost = 10;
    public const int NoRetryIncrement = 1;

    private readonly Lock gate = new();
    private int tokens = InitialTokens;

    public bool TryAcquire(bool timeout, out int cost)
    {
        cost = timeout ? TimeoutRetryCost : RetryCost;
        lock (gate)
        {
            if (tokens < cost)
            {
                cost = 0;
                return false;
            }

            tokens -= cost;
            return true;
        }
    }

    /// <summary>A call succeeded: refund what its retries cost, or add a token when it needed none.</summary>
    public void OnSuccess(int spent)
    {
        lock (gate)
        {
            tokens = Math.Min(InitialTokens, tokens + (spent > 0 ? spent : NoRetryIncrement));
        }
    }
}
