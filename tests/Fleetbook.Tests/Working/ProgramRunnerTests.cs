using System.Diagnostics;
using Fleetbook.Working;

namespace Fleetbook.Tests.Working;

/// <summary>
/// The program's run, both ways the worker can start it: on Linux straight through posix_spawn (SpawnedProgram), and
/// through .NET's Process (what other systems use). Both must behave the same, apart from SIGPIPE.
/// </summary>
public class ProgramRunnerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fleetbook-program-").FullName;

    public static TheoryData<bool> Ways => OperatingSystem.IsLinux() ? new TheoryData<bool> { true, false } : new TheoryData<bool> { false };

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task Output_exit_code_folder_and_environment_reach_the_worker(bool spawnDirectly)
    {
        var script = "echo out-1; echo err-1 >&2; pwd; echo \"job=$FLEETBOOK_JOB_ID mark=${FLEETBOOK_JOB_MARK:+set}\"; printf 'no newline'; exit 3";

        var (result, lines) = await RunAsync(spawnDirectly, ["sh", "-c", script], environment: new() { ["FLEETBOOK_JOB_ID"] = "A01" });

        Assert.Equal(3, result.ExitCode);
        Assert.False(result.Succeeded);
        Assert.Null(result.StartError);
        Assert.Equal(new[] { "err-1", "job=A01 mark=set", "no newline", "out-1", _folder }.Order(StringComparer.Ordinal), lines.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task A_variable_this_process_sets_changes_or_removes_between_runs_reaches_the_next_program_and_the_jobs_own_wins(bool spawnDirectly)
    {
        var name = "FLEETBOOK_TEST_" + Guid.NewGuid().ToString("N");
        string[] program = ["sh", "-c", $"echo \"value=${{{name}:-unset}}\""];
        try
        {
            var (_, before) = await RunAsync(spawnDirectly, program);
            Environment.SetEnvironmentVariable(name, "one");
            var (_, set) = await RunAsync(spawnDirectly, program);
            Environment.SetEnvironmentVariable(name, "two");
            var (_, changed) = await RunAsync(spawnDirectly, program);
            var (_, jobs) = await RunAsync(spawnDirectly, program, environment: new() { [name] = "the job's" });
            Environment.SetEnvironmentVariable(name, null);
            var (_, removed) = await RunAsync(spawnDirectly, program);

            Assert.Equal(["value=unset"], before);
            Assert.Equal(["value=one"], set);
            Assert.Equal(["value=two"], changed);
            Assert.Equal(["value=the job's"], jobs);
            Assert.Equal(["value=unset"], removed);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task A_program_that_cannot_be_found_is_a_start_error_that_names_it(bool spawnDirectly)
    {
        var (result, lines) = await RunAsync(spawnDirectly, ["no-such-program-" + Guid.NewGuid().ToString("N")]);

        Assert.Null(result.ExitCode);
        Assert.Contains("could not start 'no-such-program-", result.StartError);
        Assert.Contains("No such file or directory", result.StartError);
        Assert.Empty(lines);
    }

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task A_missing_working_folder_is_a_start_error(bool spawnDirectly)
    {
        var (result, _) = await RunAsync(spawnDirectly, ["true"], folder: Path.Combine(_folder, "missing"));

        Assert.NotNull(result.StartError);
        Assert.False(result.Succeeded);
    }

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task A_program_past_its_timeout_is_killed_and_reported_as_timed_out(bool spawnDirectly)
    {
        var watch = Stopwatch.StartNew();

        var (result, lines) = await RunAsync(spawnDirectly, ["sh", "-c", "echo started; exec sleep 30"], timeout: TimeSpan.FromMilliseconds(300));

        Assert.True(result.TimedOut);
        Assert.False(result.Stopped);
        Assert.Null(result.ExitCode);
        Assert.Equal(["started"], lines);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task A_stop_kills_the_program_and_says_it_was_stopped(bool spawnDirectly)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var (result, _) = await RunAsync(spawnDirectly, ["sleep", "30"], stop: stop.Token);

        Assert.True(result.Stopped);
        Assert.False(result.TimedOut);
        Assert.Null(result.ExitCode);
    }

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task A_program_killed_by_a_signal_exits_with_128_plus_the_signal(bool spawnDirectly)
    {
        var (result, _) = await RunAsync(spawnDirectly, ["sh", "-c", "kill -TERM $$"]);

        Assert.Equal(128 + 15, result.ExitCode);
    }

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task Output_larger_than_a_pipe_holds_arrives_whole_and_in_order(bool spawnDirectly)
    {
        var (result, lines) = await RunAsync(spawnDirectly, ["seq", "1", "100000"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Enumerable.Range(1, 100_000).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), lines);
    }

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task A_log_that_cannot_be_written_does_not_hang_the_program(bool spawnDirectly)
    {
        var invocation = new ProgramInvocation(["seq", "1", "100000"], _folder, new Dictionary<string, string>());

        var result = await ProgramRunner.RunAsync(invocation, _ => throw new IOException("disk full"), null, TimeProvider.System, CancellationToken.None, spawnDirectly);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("disk full", result.OutputLost);
    }

    [Fleetbook.Tests.Aws.Worker.LinuxFact]
    public async Task On_linux_the_program_gets_sigpipe_at_its_default_so_a_pipeline_ends_quietly()
    {
        var (result, lines) = await RunAsync(true, ["sh", "-c", "grep SigIgn /proc/self/status; yes | head -n 1"]);

        Assert.Equal(0, result.ExitCode);
        var ignored = Convert.ToUInt64(Assert.Single(lines, l => l.StartsWith("SigIgn:", StringComparison.Ordinal))["SigIgn:".Length..].Trim(), 16);
        Assert.Equal(0UL, ignored & (1UL << (13 - 1)));
        Assert.DoesNotContain(lines, l => l.Contains("Broken pipe", StringComparison.Ordinal));
        Assert.Contains("y", lines);
    }

    private async Task<(ProgramResult Result, List<string> Lines)> RunAsync(
        bool spawnDirectly, string[] arguments, Dictionary<string, string>? environment = null, string? folder = null, TimeSpan? timeout = null, CancellationToken stop = default)
    {
        var lines = new List<string>();
        var invocation = new ProgramInvocation(arguments, folder ?? _folder, environment ?? []);
        var result = await ProgramRunner.RunAsync(
            invocation,
            line =>
            {
                lock (lines)
                {
                    lines.Add(line);
                }

                return Task.CompletedTask;
            },
            timeout,
            TimeProvider.System,
            stop,
            spawnDirectly);
        return (result, lines);
    }
}
