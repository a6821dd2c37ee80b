namespace Fleetbook.Backends.Aws.Connection;

/// <summary>One attempt of a call, as displays and tests see it: no headers, no bodies, nothing secret.</summary>
/// <param name="Service">The service.</param>
/// <param name="Operation">The operation's model name.</param>
/// <param name="Attempt">1 for the first attempt.</param>
/// <param name="StatusCode">The HTTP status, or null when no answer came.</param>
/// <param name="ErrorCode">The error code, or null on success.</param>
/// <param name="Duration">How long the attempt took.</param>
/// <param name="RetryDelay">The back-off before the next attempt, or null when there is none.</param>
public sealed record AwsCallAttempt(
    AwsService Service,
    string Operation,
    int Attempt,
    int? StatusCode,
    string? ErrorCode,
    TimeSpan Duration,
    TimeSpan? RetryDelay);

/// <summary>Told about every attempt an <see cref="AwsConnection"/> makes.</summary>
public interface IAwsCallObserver
{
    void OnAttempt(AwsCallAttempt attempt);
}
