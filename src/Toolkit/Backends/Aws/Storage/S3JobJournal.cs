using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fleetbook.Backends.Local;
using Fleetbook.Journal;
using Fleetbook.Storage;

namespace Fleetbook.Backends.Aws.Storage;

/// <summary>
/// The journal of an AWS run, as one small JSON object per attempt in the run's bucket:
/// <c>fleetbook/&lt;app&gt;/journal/&lt;message id&gt;/&lt;attempt&gt;.json</c>. Recording an attempt again replaces its object.
/// </summary>
/// <remarks>
/// Counting lists the journal and reads the attempts it has not seen (or that changed since): fine for thousands of
/// jobs, slow for a first count of a very large run. A table (DynamoDB) would answer counts directly; for now the
/// bucket keeps the AWS backend to two services.
/// </remarks>
public sealed class S3JobJournal : IJobJournal
{
    private const int ReadsInFlight = 16;

    private readonly IObjectStore _bucket;
    private readonly string _root;
    private readonly ConcurrentDictionary<string, (StoredObject Listed, JobAttempt Attempt)> _seen = new(StringComparer.Ordinal);

    public S3JobJournal(IObjectStore bucket, string appName)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        _bucket = bucket;
        AppName = appName;
        _root = RunKeys.JournalRoot(appName);
    }

    public string AppName { get; }

    public static string KeyOf(string appName, string messageId, int attempt) =>
        RunKeys.JournalFolder(appName, messageId) + attempt.ToString(CultureInfo.InvariantCulture) + ".json";

    public Task RecordAsync(JobAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return _bucket.PutBytesAsync(KeyOf(AppName, attempt.MessageId, attempt.Attempt), AttemptJson.Write(attempt), cancellationToken);
    }

    public async Task<IReadOnlyList<JobAttempt>> AttemptsAsync(string messageId, CancellationToken cancellationToken)
    {
        var attempts = await ReadAllAsync(RunKeys.JournalFolder(AppName, messageId), cancellationToken);
        return attempts.OrderBy(a => a.Attempt).ToList();
    }

    /// <summary>As the local journal counts: distinct messages that succeeded (or were skipped as done), failed attempts, running attempts.</summary>
    public async Task<JournalCounts> CountsAsync(CancellationToken cancellationToken)
    {
        var attempts = await ReadAllAsync(_root, cancellationToken);
        var succeeded = attempts.Where(a => a.Outcome is AttemptOutcome.Succeeded or AttemptOutcome.SkippedDone).Select(a => a.MessageId).Distinct(StringComparer.Ordinal).LongCount();
        var failed = attempts.LongCount(a => SqliteJobJournal.FailedOutcomes.Contains(a.Outcome));
        var running = attempts.LongCount(a => a.Outcome == AttemptOutcome.Running);
        return new JournalCounts(succeeded, failed, running);
    }

    public async IAsyncEnumerable<JobAttempt> AllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var attempt in (await ReadAllAsync(_root, cancellationToken)).OrderBy(a => a.Started).ThenBy(a => a.MessageId, StringComparer.Ordinal).ThenBy(a => a.Attempt))
        {
            yield return attempt;
        }
    }

    /// <summary>
    /// Lists <paramref name="prefix"/> and reads each attempt, reusing what an earlier call read when the listing shows
    /// the same size and time (an update always changes the size: it adds the end, the outcome or the exit code).
    /// </summary>
    private async Task<List<JobAttempt>> ReadAllAsync(string prefix, CancellationToken cancellationToken)
    {
        var listed = new List<StoredObject>();
        await foreach (var item in _bucket.ListAsync(prefix, cancellationToken))
        {
            if (item.Key.EndsWith(".json", StringComparison.Ordinal))
            {
                listed.Add(item);
            }
        }

        var attempts = new JobAttempt?[listed.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = ReadsInFlight, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, listed.Count), parallel, async (i, token) =>
        {
            var item = listed[i];
            if (_seen.TryGetValue(item.Key, out var known) && known.Listed == item)
            {
                attempts[i] = known.Attempt;
                return;
            }

            if (await _bucket.GetBytesAsync(item.Key, token) is { } bytes && AttemptJson.TryRead(bytes) is { } attempt)
            {
                _seen[item.Key] = (item, attempt);
                attempts[i] = attempt;
            }
        });

        if (prefix == _root)
        {
            var current = listed.Select(l => l.Key).ToHashSet(StringComparer.Ordinal);
            foreach (var key in _seen.Keys.Where(k => !current.Contains(k)))
            {
                _seen.TryRemove(key, out _);
            }
        }

        return attempts.OfType<JobAttempt>().ToList();
    }
}

/// <summary>An attempt as a small JSON object with camelCase names; times in ISO-8601 UTC, the outcome by name.</summary>
internal static class AttemptJson
{
    public static byte[] Write(JobAttempt attempt)
    {
        var json = new JsonObject
        {
            ["messageId"] = attempt.MessageId,
            ["jobId"] = attempt.JobId,
            ["attempt"] = attempt.Attempt,
            ["worker"] = attempt.Worker,
            ["started"] = attempt.Started.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            ["ended"] = attempt.Ended?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            ["outcome"] = attempt.Outcome.ToString(),
            ["exitCode"] = attempt.ExitCode,
            ["detail"] = attempt.Detail,
        };
        return JsonSerializer.SerializeToUtf8Bytes(json);
    }

    /// <summary>The attempt, or null when the object is not one (a stray file under the prefix).</summary>
    public static JobAttempt? TryRead(byte[] bytes)
    {
        try
        {
            if (JsonNode.Parse(bytes) is not JsonObject json
                || Text(json, "messageId") is not { } messageId
                || Text(json, "jobId") is not { } jobId
                || json["attempt"]?.GetValue<int>() is not { } number
                || Time(json, "started") is not { } started
                || !Enum.TryParse<AttemptOutcome>(Text(json, "outcome"), out var outcome))
            {
                return null;
            }

            return new JobAttempt(messageId, jobId, number, Text(json, "worker") ?? "", started, Time(json, "ended"), outcome,
                json["exitCode"]?.GetValue<int>(), Text(json, "detail"));
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string? Text(JsonObject json, string name) => json[name]?.GetValue<string>();

    private static DateTimeOffset? Time(JsonObject json, string name) =>
        Text(json, name) is { } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) : null;
}
