using Fleetbook.Steps;

namespace Fleetbook.Backends.Aws.Preflight;

/// <summary>Shorthands for one check's outcome, and the guard that turns a failed look-up into a failed check.</summary>
internal static class Outcome
{
    public static PreflightCheck Ok(string name, string message) => new(name, true, message);

    public static PreflightCheck Problem(string name, string message, string fix) => new(name, false, message, fix);

    /// <summary>A check that could not be made because AWS (or S3) did not answer as expected.</summary>
    public static PreflightCheck Unverified(string name, string what, Exception error) => error is AwsServiceException { Advice: { Length: > 0 } advice } aws
        ? new(name, false, $"could not check {what}: {aws.Service.DisplayName} {aws.Operation} failed with {aws.Code}: {aws.ServiceMessage.TrimEnd('.')}.", advice)
        : new(name, false, $"could not check {what}: {error.Message.TrimEnd('.')}.", "check the credentials, the region and the network, then run preflight again.");

    // "a user", "an instance-profile": IAM resource kinds never start with a vowel sound other than a, e, i, o.
    public static string Article(string word) => word.Length > 0 && "aeio".Contains(word[0], StringComparison.Ordinal) ? "an" : "a";

    /// <summary>Runs one check; whatever it throws (other than a cancellation the caller asked for) becomes a failed check, so the other checks still run.</summary>
    public static async Task<IReadOnlyList<PreflightCheck>> GuardAsync(string name, string what, Func<Task<IReadOnlyList<PreflightCheck>>> check, CancellationToken cancellationToken)
    {
        try
        {
            return await check().ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return [Unverified(name, what, error)];
        }
    }
}
