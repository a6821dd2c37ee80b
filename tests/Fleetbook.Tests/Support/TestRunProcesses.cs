using System.Diagnostics;

namespace Fleetbook.Tests.Support;

/// <summary>
/// The test run's own mark: a variable set in the test process's environment before any test runs, so every process
/// the run starts carries it — children of the tests, their children, and the workers Fleetbook starts (the variable's
/// <c>DOTNET_</c> prefix is on the allow-list a local worker inherits, and the fake ECS passes it to its tasks). At the
/// end of the run, <see cref="EndAsync"/> finds those still alive through /proc, ends them and names them, and the run
/// fails (<see cref="LeakCheckingTestFramework"/>).
/// </summary>
public static class TestRunProcesses
{
    /// <summary>DOTNET_ so that it passes Fleetbook's worker environment allow-list; the .NET runtime reads no such setting.</summary>
    public const string Variable = "DOTNET_FLEETBOOK_TEST_RUN";

    /// <summary>How long processes that are ending anyway (a worker's idle exit) get before they count as left behind.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    private static readonly Lazy<string> RunMark = new(() =>
    {
        var mark = Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(Variable, mark);

        // Build tools the tests start (dotnet pack, the kernels' NuGet restores) would otherwise leave MSBuild nodes,
        // the MSBuild server and the compiler server running for minutes after their build: processes of this run.
        Environment.SetEnvironmentVariable("MSBUILDDISABLENODEREUSE", "1");
        Environment.SetEnvironmentVariable("DOTNET_CLI_USE_MSBUILD_SERVER", "0");
        Environment.SetEnvironmentVariable("UseSharedCompilation", "false");
        return mark;
    });

    /// <summary>Marks this test process (once): every process started from now on carries the mark.</summary>
    public static string Mark => RunMark.Value;

    /// <summary>The processes of this run still alive after <see cref="Grace"/>, each killed with its children and described.</summary>
    public static async Task<IReadOnlyList<string>> EndAsync()
    {
        var waited = Stopwatch.StartNew();
        var alive = LiveProcesses.WithVariable(Variable, Mark);
        while (alive.Count > 0 && waited.Elapsed < Grace)
        {
            await Task.Delay(200);
            alive = LiveProcesses.WithVariable(Variable, Mark);
        }

        var described = alive.Select(p => p.Describe()).ToList();
        LiveProcesses.Kill(alive);
        return described;
    }
}
