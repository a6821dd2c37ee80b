using System.Diagnostics;

namespace Fleetbook.Tests.Slurm;

/// <summary>
/// The Slurm cluster the integration tests run on, found once per test run: sinfo on PATH and a controller that
/// answers with an UP partition that has a node taking jobs (CI starts a one-node cluster, .ci/run). Everything else
/// skips with the reason.
/// </summary>
public static class SlurmCluster
{
    private static readonly Lazy<(string? Partition, string? Missing)> Found = new(Find);

    /// <summary>The default partition (else the first one that is up), where the tests send their workers.</summary>
    public static string Partition => Found.Value.Partition ?? throw new InvalidOperationException(Found.Value.Missing);

    /// <summary>Why the Slurm tests cannot run here; null when they can.</summary>
    public static string? Missing => Found.Value.Missing;

    /// <summary>Why the tests that change the cluster (partition state, drained nodes) cannot run: they need Slurm's administrator (root, as in CI).</summary>
    public static string? MissingAdmin => Missing ?? (Environment.UserName == "root" ? null : "changing a partition's or a node's state needs Slurm's administrator; CI runs the tests as root.");

    /// <summary>Runs a Slurm command and returns what it printed; throws when it fails.</summary>
    public static string Run(string program, params string[] args)
    {
        var (code, output, error) = TryRun(program, args);
        return code == 0 ? output : throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({code}): {error}");
    }

    public static (int ExitCode, string Output, string Error) TryRun(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "", $"{program} did not answer within 20 s");
        }

        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>
    /// Resumes the partition's nodes after a test drained them, and waits until they take jobs again: a resumed node
    /// is "not responding" until slurmd answers the controller's next ping.
    /// </summary>
    public static void Resume(string nodes)
    {
        Run("scontrol", "update", $"NodeName={nodes}", "State=RESUME");
        WaitUntilNodesTakeJobs();
    }

    /// <summary>Waits (up to a minute) until every node of the test partition is idle, mixed or allocated, and answers.</summary>
    public static void WaitUntilNodesTakeJobs()
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            var states = Run("sinfo", "--noheader", "--Node", "--partition", Partition, "--format=%t")
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (states.Length > 0 && states.All(s => s is "idle" or "mix" or "alloc"))
            {
                return;
            }

            Thread.Sleep(250);
        }

        throw new InvalidOperationException($"the nodes of {Partition} did not come back: {Run("sinfo", "--noheader", "--partition", Partition)}");
    }

    /// <summary>The jobs of <paramref name="jobName"/> still in Slurm's queue (pending, running or ending), as "id state".</summary>
    public static IReadOnlyList<string> ActiveJobs(string jobName) =>
        Run("squeue", "--me", "--noheader", "--array", $"--name={jobName}", "--format=%i %T")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static (string?, string?) Find()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(folder => File.Exists(Path.Combine(folder, "sinfo")));
        if (!onPath)
        {
            return (null, "sinfo is not on PATH: no Slurm here (CI installs slurm-wlm and starts a one-node cluster, see .ci/run).");
        }

        (int ExitCode, string Output, string Error) answer;
        try
        {
            answer = TryRun("sinfo", "--noheader", "--format=%P %a %t");
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return (null, $"sinfo could not be started: {ex.Message}");
        }

        if (answer.ExitCode != 0)
        {
            return (null, $"no Slurm controller answers (sinfo: {answer.Error.Trim()}); start one as .ci/run does.");
        }

        var rows = answer.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => l.Split(' ')).Where(p => p.Length == 3).ToList();
        var usable = rows.Where(p => p[1] == "up" && p[2] is "idle" or "mix" or "alloc").ToList();
        if (usable.Count == 0)
        {
            return (null, $"Slurm answers but no partition is up with a node taking jobs (sinfo: {answer.Output.Trim().ReplaceLineEndings("; ")}).");
        }

        var partition = usable.FirstOrDefault(p => p[0].EndsWith('*')) ?? usable[0];
        return (partition[0].TrimEnd('*'), null);
    }
}

/// <summary>A test that needs a Slurm cluster: skipped, with the reason, where none answers.</summary>
public sealed class SlurmFactAttribute : FactAttribute
{
    public SlurmFactAttribute(bool needsAdmin = false) => Skip = needsAdmin ? SlurmCluster.MissingAdmin : SlurmCluster.Missing;
}

/// <summary>The Slurm tests share one small cluster and change it (partition states): they run one at a time, apart from the rest.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SlurmCollection
{
    public const string Name = "Slurm cluster";
}
