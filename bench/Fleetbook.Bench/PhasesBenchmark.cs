using System.Collections.Concurrent;
using System.Diagnostics;
using Fleetbook.Backends.Local;
using Fleetbook.Configuration;
using Fleetbook.Journal;
using Fleetbook.Logs;
using Fleetbook.Queues;
using Fleetbook.Working;

namespace Fleetbook.Bench;

/// <summary>
/// Where a trivial job's time goes: the worker loop run in this process (one copy) over N `true` jobs, each of its
/// backend calls timed through decorators; what is left is the program's start and end (spawn, output, process sweep).
/// </summary>
internal static class PhasesBenchmark
{
    public static async Task RunAsync(int jobs)
    {
        Console.WriteLine($"== phases: where each of {jobs} trivial jobs' time goes (one copy, in this process)");
        ChildSubreaper.TryEnable();
        var config = new RunConfig { AppName = "BenchPhases", Command = ["true"], Machines = 0, DockerCores = 1, IdleExitSeconds = 1, VisibilitySeconds = 60 };
        await using var project = new BenchProject(config);
        var file = project.WriteJobs(jobs);
        await project.Run.SetupAsync();
        await project.Run.SubmitAsync(file);
        var backend = (LocalBackend)project.Run.Backend;
        var queueUrl = (await backend.Queues.OpenAsync(config.EffectiveQueueName, CancellationToken.None))!.Url;
        var environment = backend.WorkerEnvironment(queueUrl).ToDictionary(p => p.Key, p => (string?)p.Value);
        environment[WorkerEnvironment.WorkerId] = "phases";
        var settings = WorkerSettings.FromEnvironment(environment);
        var timers = new PhaseTimers();
        var services = LocalBackend.OpenForWorker(settings, TimeProvider.System);
        services = new WorkerServices(new TimedQueue(services.Queue, timers), services.Bucket, new TimedJournal(services.Journal, timers), new TimedLogs(services.Logs, timers))
        {
            Completion = services.Completion is { } completion ? new TimedCompletion(completion, timers) : null,
        };
        var items = ThreadPool.CompletedWorkItemCount;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await new WorkerHost(settings, services, TimeProvider.System, TextWriter.Null).RunAsync(CancellationToken.None);
        watch.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var poolItems = (ThreadPool.CompletedWorkItemCount - items) / (double)jobs;
        var perJob = watch.Elapsed.TotalMilliseconds / jobs;
        Console.WriteLine($"{jobs} jobs in {watch.Elapsed.TotalSeconds:0.00} s: {perJob:0.000} ms per job wall, {cpu.TotalMilliseconds / jobs:0.000} ms CPU of this process per job, {poolItems:0.00} thread-pool work items per job");
        var accounted = 0.0;
        foreach (var (name, total, count) in timers.All())
        {
            accounted += total;
            Console.WriteLine($"  {name,-28} {total / jobs:0.000} ms per job ({count} calls)");
        }

        Console.WriteLine($"  {"rest (parse, spawn, sweep…)",-28} {perJob - (accounted / jobs):0.000} ms per job");
    }

    private sealed class PhaseTimers
    {
        private readonly ConcurrentDictionary<string, (double Ms, int Count)> _phases = new();

        public async Task<T> TimeAsync<T>(string name, Func<Task<T>> work, Func<T, bool>? counts = null)
        {
            var start = Stopwatch.GetTimestamp();
            var result = await work();
            var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (counts is null || counts(result))
            {
                _phases.AddOrUpdate(name, (ms, 1), (_, old) => (old.Ms + ms, old.Count + 1));
            }

            return result;
        }

        public async Task TimeAsync(string name, Func<Task> work) => await TimeAsync(name, async () => { await work(); return 0; });

        public IEnumerable<(string Name, double Ms, int Count)> All() => _phases.OrderBy(p => p.Key).Select(p => (p.Key, p.Value.Ms, p.Value.Count));
    }

    private sealed class TimedQueue(IJobQueue inner, PhaseTimers timers) : IJobQueue
    {
        public string Name => inner.Name;
        public string Url => inner.Url;
        public Task<SendResult> SendBatchAsync(IReadOnlyList<string> bodies, CancellationToken cancellationToken) => inner.SendBatchAsync(bodies, cancellationToken);
        public Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages, TimeSpan wait, CancellationToken cancellationToken) =>
            timers.TimeAsync("queue receive", () => inner.ReceiveAsync(maxMessages, wait, cancellationToken), received => received.Count > 0); // not the idle wait at the end
        public Task<bool> DeleteAsync(string receiptHandle, CancellationToken cancellationToken) =>
            timers.TimeAsync("queue delete", () => inner.DeleteAsync(receiptHandle, cancellationToken));
        public Task<bool> ChangeVisibilityAsync(string receiptHandle, TimeSpan visibility, CancellationToken cancellationToken) =>
            timers.TimeAsync("queue change visibility", () => inner.ChangeVisibilityAsync(receiptHandle, visibility, cancellationToken));
        public Task<QueueCounts> GetCountsAsync(CancellationToken cancellationToken) => inner.GetCountsAsync(cancellationToken);
        public Task<IReadOnlyList<QueueMessage>> PeekAsync(int maxMessages, CancellationToken cancellationToken) => inner.PeekAsync(maxMessages, cancellationToken);
    }

    private sealed class TimedCompletion(IJobCompletion inner, PhaseTimers timers) : IJobCompletion
    {
        public Task<bool> CompleteAsync(string receiptHandle, JobAttempt attempt, CancellationToken cancellationToken) =>
            timers.TimeAsync("queue delete + journal record", () => inner.CompleteAsync(receiptHandle, attempt, cancellationToken));
    }

    private sealed class TimedJournal(IJobJournal inner, PhaseTimers timers) : IJobJournal
    {
        public Task RecordAsync(JobAttempt attempt, CancellationToken cancellationToken) => timers.TimeAsync("journal record", () => inner.RecordAsync(attempt, cancellationToken));
        public Task<IReadOnlyList<JobAttempt>> AttemptsAsync(string messageId, CancellationToken cancellationToken) => inner.AttemptsAsync(messageId, cancellationToken);
        public Task<JournalCounts> CountsAsync(CancellationToken cancellationToken) => inner.CountsAsync(cancellationToken);
        public IAsyncEnumerable<JobAttempt> AllAsync(CancellationToken cancellationToken) => inner.AllAsync(cancellationToken);
    }

    private sealed class TimedLogs(ILogStore inner, PhaseTimers timers) : ILogStore
    {
        public async Task<ILogStream> OpenJobStreamAsync(string jobId, CancellationToken cancellationToken) =>
            new TimedStream(await timers.TimeAsync("log open", () => inner.OpenJobStreamAsync(jobId, cancellationToken)), timers);
        public Task<ILogStream> OpenWorkerStreamAsync(string workerId, CancellationToken cancellationToken) => inner.OpenWorkerStreamAsync(workerId, cancellationToken);
        public Task<IReadOnlyList<string>> TailJobAsync(string jobId, int maxLines, CancellationToken cancellationToken) => inner.TailJobAsync(jobId, maxLines, cancellationToken);
    }

    private sealed class TimedStream(ILogStream inner, PhaseTimers timers) : ILogStream
    {
        public Task WriteLineAsync(string line, CancellationToken cancellationToken) => timers.TimeAsync("log write", () => inner.WriteLineAsync(line, cancellationToken));
        public async ValueTask DisposeAsync() => await timers.TimeAsync("log close", () => inner.DisposeAsync().AsTask());
    }
}

