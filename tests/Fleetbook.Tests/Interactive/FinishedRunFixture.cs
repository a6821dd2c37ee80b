using Fleetbook.Steps;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Interactive;

/// <summary>
/// A local run driven to its end from "the terminal" (this test process): four jobs, job 0003 failing until it lands in
/// the dead-letter queue, the queue kept (no cleanup), as <c>#!fleetbook</c> would find it from a notebook.
/// </summary>
public sealed class FinishedRunFixture : IAsyncLifetime
{
    public LocalRunHarness Harness { get; private set; } = null!;

    public MonitorResult Result { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var config = LocalRunHarness.ShellJobConfig("MagicRun", "if [ \"$1\" = 0003 ]; then echo 'cannot read image' >&2; exit 3; fi", "{group.n}") with { MaxReceives = 2 };
        Harness = new LocalRunHarness(config, "magic-run");
        await Harness.Run.SetupAsync();
        Assert.True((await Harness.Run.SubmitAsync(Harness.WriteNumberedJobs(4))).Complete);
        await Harness.Run.StartAsync();
        Result = await Harness.Run.MonitorAsync(options: new MonitorOptions
        {
            PollInterval = TimeSpan.FromMilliseconds(100),
            Timeout = TimeSpan.FromMinutes(2),
            CleanupWhenDrained = false,
            LiveDisplay = Fleetbook.Display.LiveDisplayMode.Off,
        });
        Assert.True(Result.Completed && Result.Final.DeadLetter == 1, Result.Final.Explanation);
    }

    public async Task DisposeAsync() => await Harness.DisposeAsync();
}
