using Fleetbook.Configuration;
using Fleetbook.Display;
using Fleetbook.Fleet;
using Fleetbook.Jobs;
using Fleetbook.Journal;
using Fleetbook.Queues;
using Fleetbook.Steps;

namespace Fleetbook.Tests.Display;

/// <summary>One of each result, with fixed times and paths, as the steps of a small run would return them.</summary>
public static class DisplayFixtures
{
    public const string Project = "/srv/project";

    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    public static DisplayOptions Options { get; } = new() { ProjectDirectory = Project };

    public static RunConfig Config { get; } = new()
    {
        AppName = "PlateDemo",
        Command = ["count-objects", "--image", "{input_dir}/{group.Metadata_Well}.pgm", "--out", "{output_dir}"],
        DownloadFiles = true,
        Inputs = "images/{group.Metadata_Plate}/{group.Metadata_Well}.pgm",
        Machines = 2,
        DockerCores = 2,
        VisibilitySeconds = 30,
        JobTimeoutSeconds = 120,
        CheckIfDone = new CheckIfDone(Enabled: true, ExpectedFiles: 1),
        Environment = new Dictionary<string, string> { ["EXPECTED_NUMBER_FILES"] = "1", ["CELLPROFILER_THREADS"] = "1" },
    };

    /// <summary>A config that should never have been written: credentials in the environment, a named profile.</summary>
    public static RunConfig LeakyConfig { get; } = Config with
    {
        Backend = BackendKind.Aws,
        Region = "eu-west-1",
        Profile = "acme-prod-admin",
        Image = "example/count-objects:1.0",
        Environment = new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = "AKIAIOSFODNN7EXAMPLE",
            ["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            ["AWS_SESSION_TOKEN"] = "FwoGZXIvYXdzEJr//////////wEaDOEXAMPLETOKEN",
            ["DB_PASSWORD"] = "hunter2-correct-horse",
            ["EXPECTED_NUMBER_FILES"] = "1",
        },
    };

    public static IReadOnlyList<string> SecretValues { get; } =
        ["AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "FwoGZXIvYXdzEJr//////////wEaDOEXAMPLETOKEN", "hunter2-correct-horse", "acme-prod-admin"];

    public static RunPlan Plan { get; } = new(Config, "local", $"{Project}/.fleetbook/PlateDemo",
    [
        $"dead-letter queue PlateDemoDeadMessages in {Project}/.fleetbook/PlateDemo/queue.db",
        "job queue PlateDemoQueue (visibility 30 s, 3 receives before dead letters)",
        $"bucket folder {Project}/bucket",
        $"2 worker process(es) × 2 copies, logs in {Project}/.fleetbook/PlateDemo/logs",
    ],
    ["Each job runs: count-objects --image {input_dir}/{group.Metadata_Well}.pgm --out {output_dir}", "2 worker(s) × 2 copies = 4 jobs at a time."]);

    public static SetupResult Setup { get; } = new(
        new QueueInfo("PlateDemoQueue", $"sqlite://{Project}/.fleetbook/PlateDemo/queue.db#PlateDemoQueue", Created: true, Updated: false),
        "PlateDemoDeadMessages",
        ["created queue PlateDemoQueue (visibility 30 s, dead letters to PlateDemoDeadMessages after 3 receives)"]);

    public static SubmitResult Submit { get; } = new($"{Project}/job.json", JobFileFormat.DistributedSomething, 96, 96, [], TimeSpan.FromMilliseconds(840));

    public static SubmitResult SubmitWithFailures { get; } = new("job.json", JobFileFormat.DistributedCellProfiler, 96, 94,
        [new SendFailure(17, "MessageTooLong", "the message is 270,144 bytes; the limit is 262,144"), new SendFailure(42, "MessageTooLong", "the message is 300,001 bytes; the limit is 262,144")],
        TimeSpan.FromSeconds(1.5));

    public static StartResult Start { get; } = new(new FleetStatus(2, 2, "2 of 2 worker processes running"), 2, "2 of 2 workers running, 2 copies each",
        ["fleet.json is a valid fleet file (1 launch specification(s)); the local backend runs workers on this machine and does not use it."]);

    private static FleetStatus Workers(int running) => new(2, running, $"{running} of 2 worker processes running");

    public static IReadOnlyList<RunStatus> Timeline { get; } =
    [
        Status(0, visible: 96, inFlight: 0, succeeded: 0, workers: 2),
        Status(5, visible: 80, inFlight: 4, succeeded: 12, workers: 2),
        Status(12, visible: 52, inFlight: 4, succeeded: 40, failed: 1, workers: 2),
        Status(20, visible: 20, inFlight: 4, succeeded: 72, failed: 2, workers: 2),
        Status(27, visible: 0, inFlight: 3, succeeded: 92, failed: 3, workers: 2),
        Status(30, visible: 0, inFlight: 0, succeeded: 95, failed: 3, dead: 1, workers: 2),
    ];

    public static RunStatus Running => Timeline[2];

    public static RunStatus Drained => Timeline[^1];

    public static RunStatus NotSetUp { get; } = Explained(new RunStatus(T0, false, 0, 0, 0, 0, 0, FleetStatus.None, ""));

    public static CleanupResult Cleanup { get; } = new(
        ["stopped 2 worker(s)", "deleted queue PlateDemoQueue"],
        ["dead-letter queue PlateDemoDeadMessages (see 'fleetbook dlq list')", "job logs and the attempt journal", $"outputs in {Project}/bucket"]);

    public static MonitorResult Monitor { get; } = new(
        Explained(Timeline[^1] with { QueueExists = false, At = T0.AddSeconds(32), Fleet = FleetStatus.None }),
        [.. Timeline, Explained(Timeline[^1] with { QueueExists = false, At = T0.AddSeconds(32), Fleet = FleetStatus.None })],
        Cleanup, TimeSpan.FromSeconds(32), Completed: true);

    public static MonitorResult CleanMonitor { get; } = Monitor with
    {
        Final = Explained(Monitor.Final with { DeadLetter = 0, Succeeded = 96 }),
        Timeline = [.. Timeline.Select(s => Explained(s with { DeadLetter = 0 })), Explained(Monitor.Final with { DeadLetter = 0, Succeeded = 96 })],
    };

    public static IReadOnlyList<JobAttempt> Attempts { get; } = MakeAttempts();

    public static DeadLetterReport DeadLetters { get; } = new("PlateDemoDeadMessages",
    [
        new DeadJob("m-90", "Plate1-B07-1", "{\"group\": {\"Metadata_Well\": \"B07\"}}", Attempts.Where(a => a.JobId == "Plate1-B07-1").ToArray()),
        new DeadJob("m-99", "(unreadable message)", "not json", []),
    ]);

    public static DeadLetterReport NoDeadLetters { get; } = new("PlateDemoDeadMessages", []);

    public static RedriveResult Redrive { get; } = new("PlateDemoDeadMessages", "PlateDemoQueue", 2);

    public static RedriveResult NothingToRedrive { get; } = new("PlateDemoDeadMessages", "PlateDemoQueue", 0);

    public static PreflightResult PreflightWithProblems { get; } = new([
        new PreflightCheck("image", true, "cellprofiler/distributed-cellprofiler:2.2.0_4.2.8 is a valid image name"),
        new PreflightCheck("AMI", false, "ami-0ce03502c5bb5e188 does not exist in us-east-1", "look up the current ECS-optimized AMI of the region and put it in the fleet file's ImageId"),
        new PreflightCheck("memory", false, "the task asks for 15000 MB but c5.large has 4096 MiB", "lower \"memory\" or choose a larger machine type"),
    ]);

    public static RunsReport Runs { get; } = new("AWS us-east-1, cluster default, bucket s3://acme-plates", [
        new FoundRun("PlateDemo", ["Spot Fleet sfr-0123abcd (2 machine(s))", "ECS service PlateDemoService (2 of 2 task(s) running)"]),
        new FoundRun("OldRun", ["run state s3://acme-plates/fleetbook/OldRun/run.json (spot-fleet, started 2026-11-02 09:00:00Z)"]),
    ]);

    public static RunsReport NoRuns { get; } = new("AWS us-east-1, cluster default, bucket s3://acme-plates", []);

    public static RunTimeline LiveTimeline { get; } = Timeline.Take(4).Aggregate(RunTimeline.Empty, (t, s) => t.Add(s));

    /// <summary>A live monitor part-way: four changes, then the last one seen again two seconds later.</summary>
    public static LiveMonitorView LiveRunning { get; } =
        Timeline.Take(4).Aggregate(LiveMonitorView.For(Config, Project), (view, status) => view.Add(status)).Add(Timeline[3] with { At = T0.AddSeconds(22) });

    /// <summary>A live monitor after the monitor returned: the result's badge, cleanup and next steps.</summary>
    public static LiveMonitorView LiveFinished { get; } =
        Timeline.Aggregate(LiveMonitorView.For(Config, Project), (view, status) => view.Add(status)).Complete(Monitor);

    /// <summary>A live monitor on AWS: machines behind the workers, and the cost so far.</summary>
    public static LiveMonitorView LiveOnAws { get; } = new[]
    {
        Explained(new RunStatus(T0, true, 400, 0, 0, 0, 0, new FleetStatus(4, 0, "EC2 Fleet: 0 of 4 tasks") { Machines = new FleetMachines(2, 0, 0) }, "")),
        Explained(new RunStatus(T0.AddMinutes(3), true, 380, 4, 0, 16, 0, new FleetStatus(4, 4, "EC2 Fleet: 4 of 4 tasks") { Machines = new FleetMachines(2, 2, 1) }, ""))
            with { Cost = new RunCost(0.04m, null, "2 × c5.large Spot at $0.035/h") },
        Explained(new RunStatus(T0.AddMinutes(6), true, 300, 4, 1, 95, 2, new FleetStatus(4, 4, "EC2 Fleet: 4 of 4 tasks") { Machines = new FleetMachines(2, 2, 2) }, ""))
            with { Cost = new RunCost(0.07m, 0.35m, "2 × c5.large Spot at $0.035/h") },
    }.Aggregate(LiveMonitorView.For(Config with { Backend = BackendKind.Aws }, Project), (view, status) => view.Add(status));

    /// <summary>The attempts that did not succeed, as a user picks them out of <c>run.AttemptsAsync()</c>.</summary>
    public static IReadOnlyList<JobAttempt> FailedAttempts { get; } = Attempts.Where(a => Guidance.IsFailure(a.Outcome)).ToList();

    /// <summary>Every displayable fixture by snapshot name.</summary>
    public static IReadOnlyDictionary<string, object> All { get; } = new Dictionary<string, object>
    {
        ["config"] = Config,
        ["plan"] = Plan,
        ["setup"] = Setup,
        ["submit"] = Submit,
        ["submit-with-failures"] = SubmitWithFailures,
        ["start"] = Start,
        ["status-running"] = Running,
        ["status-drained"] = Drained,
        ["status-not-set-up"] = NotSetUp,
        ["timeline-live"] = LiveTimeline,
        ["live-running"] = LiveRunning,
        ["live-finished"] = LiveFinished,
        ["live-aws"] = LiveOnAws,
        ["monitor"] = Monitor,
        ["monitor-all-succeeded"] = CleanMonitor,
        ["cleanup"] = Cleanup,
        ["dead-letters"] = DeadLetters,
        ["dead-letters-empty"] = NoDeadLetters,
        ["redrive"] = Redrive,
        ["redrive-nothing"] = NothingToRedrive,
        ["preflight-problems"] = PreflightWithProblems,
        ["runs"] = Runs,
        ["runs-none"] = NoRuns,
        ["attempts"] = Attempts,
        ["attempts-failed"] = FailedAttempts,
        ["attempts-none"] = Array.Empty<JobAttempt>(),
        ["dead-jobs"] = DeadLetters.Jobs.Take(1).ToList(),
        ["found-runs"] = Runs.Runs.Where(r => r.AppName != "OldRun").ToArray(),
    };

    private static RunStatus Status(int seconds, long visible, long inFlight, long succeeded, int workers, long failed = 0, long dead = 0) =>
        Explained(new RunStatus(T0.AddSeconds(seconds), true, visible, inFlight, dead, succeeded, failed, Workers(workers), ""));

    /// <summary>The explanation FleetRun.StatusAsync would attach.</summary>
    private static RunStatus Explained(RunStatus status) => status with { Explanation = StatusExplanation.Explain(status) };

    private static List<JobAttempt> MakeAttempts()
    {
        var attempts = new List<JobAttempt>();
        // Every well but B07, which never succeeds.
        foreach (var i in Enumerable.Range(0, 96).Where(i => Well(i) != "B07"))
        {
            var started = T0.AddSeconds(1 + (i * 0.3));
            attempts.Add(new JobAttempt($"m-{i}", $"Plate1-{Well(i)}-1", 1, $"worker-{i % 2}", started, started.AddMilliseconds(900 + (i * 37 % 800)), AttemptOutcome.Succeeded, 0));
        }

        var b07 = T0.AddSeconds(4);
        attempts.Add(new JobAttempt("m-90", "Plate1-B07-1", 1, "worker-0", b07, b07.AddSeconds(2), AttemptOutcome.Failed, 3, "exit code 3: could not read image"));
        attempts.Add(new JobAttempt("m-90", "Plate1-B07-1", 2, "worker-1", b07.AddSeconds(12), b07.AddSeconds(14), AttemptOutcome.Failed, 3, "exit code 3: could not read image"));
        attempts.Add(new JobAttempt("m-90", "Plate1-B07-1", 3, "worker-0", b07.AddSeconds(22), b07.AddSeconds(142), AttemptOutcome.TimedOut, null, "ran past the 120 s job timeout; killed"));
        var c03 = T0.AddSeconds(6);
        attempts.Add(new JobAttempt("m-30", "Plate1-C03-1", 1, "worker-1", c03, c03.AddSeconds(1), AttemptOutcome.LostWorker, null, "the worker disappeared; the message came back after its visibility expired"));
        return attempts;
    }

    private static string Well(int index) => $"{(char)('A' + (index / 12))}{(index % 12) + 1:00}";
}
