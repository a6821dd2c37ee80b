using System.Text.Json.Serialization;
using Fleetbook.Journal;

namespace Fleetbook.Backends.SharedFolder;

/// <summary>One record of the shared journal, as one JSON line; times in UTC ticks, the outcome by name.</summary>
internal sealed record JournalLine(
    [property: JsonPropertyName("message")] string MessageId,
    [property: JsonPropertyName("job")] string JobId,
    [property: JsonPropertyName("attempt")] int Attempt,
    [property: JsonPropertyName("worker")] string Worker,
    [property: JsonPropertyName("started")] long Started,
    [property: JsonPropertyName("ended")] long? Ended,
    [property: JsonPropertyName("outcome")] string Outcome,
    [property: JsonPropertyName("exitCode")] int? ExitCode,
    [property: JsonPropertyName("detail")] string? Detail,
    [property: JsonPropertyName("written")] long Written)
{
    public static JournalLine From(JobAttempt attempt, long written) => new(
        attempt.MessageId, attempt.JobId, attempt.Attempt, attempt.Worker, attempt.Started.UtcTicks, attempt.Ended?.UtcTicks,
        attempt.Outcome.ToString(), attempt.ExitCode, attempt.Detail, written);

    public JobAttempt ToAttempt() => new(
        MessageId, JobId, Attempt, Worker, new DateTimeOffset(Started, TimeSpan.Zero),
        Ended is { } ended ? new DateTimeOffset(ended, TimeSpan.Zero) : null,
        Enum.TryParse<AttemptOutcome>(Outcome, out var outcome) ? outcome : AttemptOutcome.Failed,
        ExitCode, Detail);
}
