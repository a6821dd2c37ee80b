using Fleetbook.Jobs;
using Fleetbook.Journal;
using Fleetbook.Logs;
using Fleetbook.Queues;

namespace Fleetbook.Working;

/// <summary>How a received message ended for the worker: the attempt's outcome and, when the worker itself was in trouble (it could not write its folders or logs), why; the worker then pauses before it receives again.</summary>
public sealed record JobEnd(AttemptOutcome Outcome, string? WorkerTrouble = null);

/// <summary>
/// Runs one received message to its end: skip if done → fetch inputs → run the program (with heartbeat and
/// timeout) → upload outputs → delete the message; on failure the message comes back after a short back-off.
/// Whatever goes wrong with one job ends that attempt with its reason in the journal, never the worker; only a lost
/// queue or journal (the caller's to handle) escapes.
/// </summary>
public sealed class JobRunner(WorkerSettings settings, WorkerServices services, TimeProvider time, string copyName)
{
    /// <summary>What every job's log says first (the dashboard's log widgets count job starts by it).</summary>
    public const string JobStartMarker = "received job";

    /// <summary>How long a program that died of a signal waits for the worker's own stop (see <see cref="StoppedWithItAsync"/>).</summary>
    public static readonly TimeSpan SignalGrace = TimeSpan.FromSeconds(2);

    /// <summary>On Unix a process killed by signal N reports exit code 128 + N.</summary>
    private const int SignalExitBase = 128;

    public async Task<JobEnd> RunAsync(QueueMessage message, CancellationToken stop)
    {
        JobMessage job;
        try
        {
            job = JobMessage.Parse(message.Body);
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or InvalidOperationException or Inputs.InputException)
        {
            await RecordAsync(NewAttempt(message, "unreadable-" + message.MessageId) with { Ended = time.GetUtcNow(), Outcome = AttemptOutcome.InputProblem, Detail = $"the message is not a JSON job: {ex.Message}" });
            await ReturnAsync(message, settings.RetryDelay);
            return new JobEnd(AttemptOutcome.InputProblem);
        }

        var attempt = NewAttempt(message, job.JobId);
        await MarkEarlierAttemptsLostAsync(attempt);

        // Each copy reuses its own two folders, emptied between jobs: creating and removing folders per job
        // costs more than a trivial job itself on ext4.
        var jobDirectory = Path.Combine(settings.WorkerFolder, copyName);
        var inputDirectory = Path.Combine(jobDirectory, "input");
        var outputDirectory = Path.Combine(jobDirectory, "output");
        ILogStream? log = null;
        try
        {
            log = await services.Logs.OpenJobStreamAsync(job.JobId, CancellationToken.None);
            await log.WriteLineAsync($"== {copyName} {JobStartMarker} {job.JobId} (attempt {attempt.Attempt}, message {message.MessageId})", CancellationToken.None);
            return new JobEnd(await RunJobAsync(message, job, attempt, log, jobDirectory, inputDirectory, outputDirectory, stop));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await EndQuietlyAsync(message, attempt, log, AttemptOutcome.Killed, await StoppedDetailAsync(), TimeSpan.Zero);
            return new JobEnd(AttemptOutcome.Killed);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var trouble = $"the worker could not read or write its files for this job ({ex.Message}); the job went back to the queue";
            await EndQuietlyAsync(message, attempt, log, AttemptOutcome.Failed, trouble, settings.RetryDelay);
            return new JobEnd(AttemptOutcome.Failed, trouble);
        }
        catch (Exception ex) when (!IsQueueOrJournalTrouble(ex) && ex is not OperationCanceledException)
        {
            var trouble = $"the worker failed on this job ({ex.GetType().Name}: {ex.Message}); the job went back to the queue";
            await EndQuietlyAsync(message, attempt, log, AttemptOutcome.Failed, trouble, settings.RetryDelay);
            return new JobEnd(AttemptOutcome.Failed, trouble);
        }
        finally
        {
            await DisposeQuietlyAsync(log);
            TryEmpty(inputDirectory);
            TryEmpty(outputDirectory);
        }
    }

    private async Task<AttemptOutcome> RunJobAsync(
        QueueMessage message, JobMessage job, JobAttempt attempt, ILogStream log, string jobDirectory, string inputDirectory, string outputDirectory, CancellationToken stop)
    {
        string? Resolve(Placeholder placeholder) => placeholder.Name switch
        {
            Placeholder.InputDir => inputDirectory,
            Placeholder.OutputDir => outputDirectory,
            _ => job.Resolve(placeholder.Name),
        };

        string outputPrefix;
        string inputPrefix;
        IReadOnlyList<string> arguments;
        try
        {
            outputPrefix = settings.Outputs.Render(Resolve).TrimEnd('/');
            inputPrefix = settings.Inputs.Render(Resolve);
            arguments = BuildArguments(Resolve);
        }
        catch (KeyNotFoundException ex)
        {
            return await FinishAsync(message, attempt, log, AttemptOutcome.InputProblem, null, ex.Message);
        }

        var keyProblem = KeyProblem("outputs", outputPrefix, settings.Outputs)
            ?? (settings.DownloadFiles ? KeyProblem("inputs", inputPrefix.TrimEnd('/'), settings.Inputs, emptyIsWholeBucket: true) : null);
        if (keyProblem is not null)
        {
            return await FinishAsync(message, attempt, log, AttemptOutcome.InputProblem, null, keyProblem);
        }

        if (settings.CheckIfDone.Enabled && await OutputsAlreadyThereAsync(outputPrefix, stop))
        {
            await log.WriteLineAsync("File not run due to > expected number of files", CancellationToken.None);
            await CompleteAsync(message, attempt with { Ended = time.GetUtcNow(), Outcome = AttemptOutcome.SkippedDone, Detail = $"{settings.CheckIfDone.ExpectedFiles}+ files already under {outputPrefix}/" });
            return AttemptOutcome.SkippedDone;
        }

        PrepareEmpty(inputDirectory);
        PrepareEmpty(outputDirectory);
        if (settings.DownloadFiles)
        {
            var fetched = await DownloadAsync(inputPrefix, inputDirectory, log, stop);
            await log.WriteLineAsync($"Downloaded {fetched} files from {inputPrefix}", CancellationToken.None);
            if (fetched == 0)
            {
                return await FinishAsync(message, attempt, log, AttemptOutcome.InputProblem, null, $"no input files under '{inputPrefix}' in {services.Bucket.Name}");
            }
        }

        await log.WriteLineAsync("Running " + string.Join(' ', arguments.Select(Quote)), CancellationToken.None);
        var environment = new Dictionary<string, string> { [WorkerEnvironment.JobIdForProgram] = job.JobId };
        ProgramResult result;
        await using (new JobHeartbeat(HeartbeatPeriod, time, first => BeatAsync(message, attempt, log, first)))
        {
            result = await ProgramRunner.RunAsync(
                new ProgramInvocation(arguments, jobDirectory, environment),
                line => log.WriteLineAsync(line, CancellationToken.None),
                settings.JobTimeout,
                time,
                stop);
        }

        if (!result.Stopped && result.ExitCode is > SignalExitBase and < SignalExitBase + 64 && await StoppedWithItAsync(stop))
        {
            result = result with { Stopped = true, ExitCode = null };
        }

        if (result.Stopped)
        {
            return await FinishAsync(message, attempt, log, AttemptOutcome.Killed, null, await StoppedDetailAsync(), TimeSpan.Zero);
        }

        if (result.TimedOut)
        {
            return await FinishAsync(message, attempt, log, AttemptOutcome.TimedOut, null, $"the job ran past its {settings.JobTimeout!.Value.TotalSeconds:0.#} s timeout and was killed with its child processes");
        }

        if (result.StartError is not null)
        {
            return await FinishAsync(message, attempt, log, AttemptOutcome.InputProblem, null, result.StartError);
        }

        if (result.OutputLost is not null)
        {
            throw new IOException($"the job's output could not be written to its log: {result.OutputLost}");
        }

        if (result.ExitCode != 0)
        {
            return await FinishAsync(message, attempt, log, AttemptOutcome.Failed, result.ExitCode, $"the program exited with code {result.ExitCode}");
        }

        var uploadProblem = await UploadAsync(outputDirectory, outputPrefix, log, stop);
        if (uploadProblem is not null)
        {
            return await FinishAsync(message, attempt, log, AttemptOutcome.OutputProblem, 0, uploadProblem);
        }

        if (!await CompleteAsync(message, attempt with { Ended = time.GetUtcNow(), Outcome = AttemptOutcome.Succeeded, ExitCode = 0 }))
        {
            await log.WriteLineAsync("WARNING: the message had already come back to the queue; it may run again.", CancellationToken.None);
        }

        await log.WriteLineAsync("SUCCESS", CancellationToken.None);
        return AttemptOutcome.Succeeded;
    }

    /// <summary>Why a rendered prefix cannot be a bucket key (a job value such as <c>..</c>, <c>/abs</c> or NUL put it there), with the fix; null when it can.</summary>
    private static string? KeyProblem(string setting, string prefix, Template template, bool emptyIsWholeBucket = false)
    {
        if (emptyIsWholeBucket && prefix.Length == 0)
        {
            return null;
        }

        return Storage.BucketKeys.Problem(prefix) is { } problem
            ? $"the {setting} prefix '{Printable(prefix)}' (from \"{setting}\": \"{template.Text}\") cannot be a bucket key: {problem}. Fix: change this job's values in the job file, or the {setting} template"
            : null;
    }

    private static string Printable(string text)
    {
        var printable = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            printable.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c);
        }

        return printable.ToString();
    }

    /// <summary>Why the attempt ended with the worker: the platform's reason when it can tell (Slurm: scancel, the time limit, preemption).</summary>
    private async Task<string> StoppedDetailAsync()
    {
        string? reason = null;
        if (services.StopReason is { } explainer)
        {
            try
            {
                reason = await explainer.ExplainAsync(CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Without a reason the attempt still records that the worker was stopped.
            }
        }

        return $"{reason ?? "the worker was stopped"}; the job went back to the queue";
    }

    /// <summary>
    /// A batch scheduler stops a worker by signalling every process of its job at once, so the program may die of the
    /// signal an instant before the worker hears of its own: an exit by signal, with a stop following within
    /// <see cref="SignalGrace"/>, is the worker's stop, not the program's failure. Only where the platform signals the
    /// whole job (a worker that has a <see cref="WorkerServices.StopReason"/>).
    /// </summary>
    private async Task<bool> StoppedWithItAsync(CancellationToken stop)
    {
        if (services.StopReason is null)
        {
            return false;
        }

        try
        {
            await Task.Delay(SignalGrace, time, stop);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    private JobAttempt NewAttempt(QueueMessage message, string jobId) =>
        new(message.MessageId, jobId, Math.Max(1, message.ReceiveCount), $"{settings.WorkerId}/{copyName}", time.GetUtcNow());

    private IReadOnlyList<string> BuildArguments(Func<Placeholder, string?> resolve)
    {
        var arguments = settings.Shell ? ShellCommand.Arguments(settings.Command, resolve) : settings.Command.Select(t => t.Render(resolve)).ToList();
        if (settings.Container.Length == 0)
        {
            return arguments;
        }

        var runtime = settings.ContainerRuntime ?? ContainerRuntimes.Find(Environment.GetEnvironmentVariable("PATH"))
            ?? throw new KeyNotFoundException($"the command runs in the image {settings.Container}, but neither apptainer nor singularity is on PATH on {Environment.MachineName}");
        return ContainerCommand.Wrap(runtime, settings.Container, [.. settings.ContainerBinds, settings.WorkDir], arguments);
    }

    private async Task<bool> OutputsAlreadyThereAsync(string outputPrefix, CancellationToken cancellationToken)
    {
        var check = settings.CheckIfDone;
        var count = 0;
        await foreach (var item in services.Bucket.ListAsync(outputPrefix + "/", cancellationToken))
        {
            if (item.Size >= check.MinFileSizeBytes && (check.NecessaryString.Length == 0 || item.Key.Contains(check.NecessaryString, StringComparison.Ordinal)))
            {
                count++;
                if (count >= check.ExpectedFiles)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private async Task<int> DownloadAsync(string prefix, string directory, ILogStream log, CancellationToken cancellationToken)
    {
        var count = 0;
        var root = prefix.Length == 0 || prefix.EndsWith('/') ? prefix : prefix[..(prefix.LastIndexOf('/') + 1)];
        var inside = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)) + Path.DirectorySeparatorChar;
        await foreach (var item in services.Bucket.ListAsync(prefix, cancellationToken))
        {
            // S3 keys may hold '..' segments: such an object would land outside the input folder.
            var relative = item.Key[root.Length..];
            var target = Path.GetFullPath(Path.Combine(directory, relative));
            var problem = Storage.BucketKeys.Problem(relative) ?? (target.StartsWith(inside, StringComparison.Ordinal) ? null : "it leads outside it");
            if (problem is not null)
            {
                await log.WriteLineAsync($"WARNING: input {Printable(item.Key)} was not downloaded: as a file name under the input folder, {problem}", CancellationToken.None);
                continue;
            }

            if (await services.Bucket.GetFileAsync(item.Key, target, cancellationToken))
            {
                count++;
            }
        }

        return count;
    }

    private async Task<string?> UploadAsync(string directory, string prefix, ILogStream log, CancellationToken cancellationToken)
    {
        var warnings = new List<string>();
        var files = OutputFiles.List(directory, warnings);
        foreach (var warning in warnings)
        {
            await log.WriteLineAsync("WARNING: " + warning, CancellationToken.None);
        }

        foreach (var file in files)
        {
            var key = prefix + "/" + file.RelativeKey;
            Exception? last = null;
            for (var attempt = 1; attempt <= 3; attempt++)
            {
                try
                {
                    await services.Bucket.PutFileAsync(key, file.Source, cancellationToken);
                    last = null;
                    break;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or HttpRequestException or ArgumentException)
                {
                    last = ex;
                    await log.WriteLineAsync($"== ERR upload of {key} failed (try {attempt} of 3): {ex.Message}", CancellationToken.None);
                    if (ex is ArgumentException)
                    {
                        break; // the key itself is refused: trying again cannot help
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), time, cancellationToken);
                }
            }

            if (last is not null)
            {
                return $"the outputs could not be uploaded to {prefix}/: {last.Message}";
            }
        }

        if (files.Count > 0)
        {
            await log.WriteLineAsync($"Uploaded {files.Count} files to {prefix}/", CancellationToken.None);
        }

        return null;
    }

    private TimeSpan HeartbeatPeriod => TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(200).Ticks, settings.Visibility.Ticks / 3));

    /// <summary>
    /// Keeps the message hidden while the program runs (<see cref="JobHeartbeat"/>); false stops the beating. The
    /// attempt is journaled as running at the first beat, not at the start: a job shorter than one beat costs one
    /// journal write instead of two, and an attempt lost before its first beat is still found from the message's
    /// receive count.
    /// </summary>
    private async Task<bool> BeatAsync(QueueMessage message, JobAttempt attempt, ILogStream log, bool first)
    {
        try
        {
            if (first)
            {
                await RecordAsync(attempt);
            }

            if (!await services.Queue.ChangeVisibilityAsync(message.ReceiptHandle, settings.Visibility, CancellationToken.None))
            {
                await log.WriteLineAsync("WARNING: could not extend the message's visibility (it came back to the queue).", CancellationToken.None);
                return false;
            }

            return true;
        }
        catch (Exception ex)
        {
            // The queue or the journal is out of reach for now; the job goes on, and may run again if its message comes back.
            await WriteQuietlyAsync(log, $"WARNING: the heartbeat stopped: {ex.Message}");
            return false;
        }
    }

    private async Task<AttemptOutcome> FinishAsync(QueueMessage message, JobAttempt attempt, ILogStream log, AttemptOutcome outcome, int? exitCode, string detail, TimeSpan? returnAfter = null)
    {
        await WriteQuietlyAsync(log, $"PROBLEM ({outcome}): {detail}");
        await RecordAsync(attempt with { Ended = time.GetUtcNow(), Outcome = outcome, ExitCode = exitCode, Detail = detail });
        await ReturnAsync(message, returnAfter ?? settings.RetryDelay);
        return outcome;
    }

    /// <summary>
    /// Ends an attempt the worker could not finish normally: each step (log line, journal, returning the message) is
    /// tried on its own, since whatever broke the job may break them too; the message comes back after its
    /// visibility timeout at worst.
    /// </summary>
    private async Task EndQuietlyAsync(QueueMessage message, JobAttempt attempt, ILogStream? log, AttemptOutcome outcome, string detail, TimeSpan returnAfter)
    {
        await WriteQuietlyAsync(log, $"PROBLEM ({outcome}): {detail}");
        await QuietlyAsync(() => RecordAsync(attempt with { Ended = time.GetUtcNow(), Outcome = outcome, Detail = detail }));
        await QuietlyAsync(() => ReturnAsync(message, returnAfter));
    }

    private static Task WriteQuietlyAsync(ILogStream? log, string line) =>
        log is null ? Task.CompletedTask : QuietlyAsync(() => log.WriteLineAsync(line, CancellationToken.None));

    private static async Task QuietlyAsync(Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (Exception ex) when (ex is not Backends.Local.StateDatabaseException)
        {
        }
    }

    private static async Task DisposeQuietlyAsync(ILogStream? log)
    {
        if (log is not null)
        {
            await QuietlyAsync(() => log.DisposeAsync().AsTask());
        }
    }

    /// <summary>The queue or the journal failed: the message comes back after its visibility timeout, and the host decides what to do.</summary>
    internal static bool IsQueueOrJournalTrouble(Exception ex) =>
        ex is HttpRequestException or TimeoutException or Backends.Aws.AwsServiceException or Microsoft.Data.Sqlite.SqliteException or Backends.Local.StateDatabaseException;

    private Task ReturnAsync(QueueMessage message, TimeSpan after) =>
        services.Queue.ChangeVisibilityAsync(message.ReceiptHandle, after, CancellationToken.None);

    private Task RecordAsync(JobAttempt attempt) => services.Journal.RecordAsync(attempt, CancellationToken.None);

    /// <summary>Deletes a done job's message and journals its attempt (together where the backend can); false when the handle was stale.</summary>
    private async Task<bool> CompleteAsync(QueueMessage message, JobAttempt done)
    {
        if (services.Completion is { } completion)
        {
            return await completion.CompleteAsync(message.ReceiptHandle, done, CancellationToken.None);
        }

        var deleted = await services.Queue.DeleteAsync(message.ReceiptHandle, CancellationToken.None);
        await RecordAsync(done);
        return deleted;
    }

    private async Task MarkEarlierAttemptsLostAsync(JobAttempt attempt)
    {
        if (attempt.Attempt <= 1)
        {
            return;
        }

        var earlier = (await services.Journal.AttemptsAsync(attempt.MessageId, CancellationToken.None)).ToDictionary(a => a.Attempt);
        for (var number = 1; number < attempt.Attempt; number++)
        {
            if (!earlier.TryGetValue(number, out var recorded))
            {
                await RecordAsync(new JobAttempt(attempt.MessageId, attempt.JobId, number, "(unknown)", attempt.Started, attempt.Started, AttemptOutcome.LostWorker, null,
                    "the worker was lost before this attempt was journaled; the message came back after its visibility timeout"));
            }
            else if (recorded.Outcome == AttemptOutcome.Running)
            {
                await RecordAsync(recorded with
                {
                    Ended = attempt.Started,
                    Outcome = AttemptOutcome.LostWorker,
                    Detail = "the worker stopped answering; the message came back after its visibility timeout",
                });
            }
        }
    }

    internal static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@%".Contains(c)) ? argument : ShellQuote(argument);

    /// <summary>Creates the folder or empties it; throws when that fails, since a job must never see (or upload) another job's files.</summary>
    private static void PrepareEmpty(string directory)
    {
        Directory.CreateDirectory(directory);
        Empty(directory);
    }

    private static void TryEmpty(string directory)
    {
        try
        {
            Empty(directory);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void Empty(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = FileAttributes.None }))
        {
            if (entry is DirectoryInfo folder && folder.LinkTarget is null)
            {
                folder.Delete(recursive: true);
            }
            else
            {
                File.Delete(entry.FullName); // a file, or a link (to a folder too): only the link goes
            }
        }
    }
}
