using System.Globalization;
using Fleetbook.Charts;
using Fleetbook.Journal;
using Fleetbook.Reports;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Working;

public class OutputSizeTests
{
    private const long OneGigabyte = 1L << 30;

    [Fact]
    public async Task A_job_printing_a_gigabyte_on_one_line_keeps_the_worker_under_200_MB_and_its_report_under_5_MB()
    {
        // Arrange: one job prints 1 GiB without a line break, then fails, so its log's end goes into the report.
        var script = $"head -c {OneGigabyte} /dev/zero | tr '\\0' x; echo; echo the end; exit 3";
        var config = LocalRunHarness.ShellJobConfig("HugeLine", script) with { Machines = 1, DockerCores = 1, MaxReceives = 1, IdleExitSeconds = 60 };
        await using var harness = new LocalRunHarness(config);
        await harness.SetUpWithNumberedJobsAsync(1);

        // Act: follow the worker's peak resident memory (VmHWM) until the attempt has ended.
        await harness.Run.StartAsync();
        var worker = Assert.Single(harness.Backend.LocalFleet.WorkerProcessIds());
        var peakKiB = 0L;
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while ((await harness.Run.AttemptsAsync()).All(a => a.Outcome == AttemptOutcome.Running) && DateTime.UtcNow < deadline)
        {
            peakKiB = Math.Max(peakKiB, PeakResidentKiB(worker));
            await Task.Delay(200);
        }

        peakKiB = Math.Max(peakKiB, PeakResidentKiB(worker));
        await harness.Run.Backend.Fleet.StopAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        var report = await RunReport.CreateAsync(harness.Run);
        var html = report.ToHtmlPage(PlotlyScript.Cdn);

        // Assert
        var attempt = Assert.Single(await harness.Run.AttemptsAsync());
        Assert.Equal((AttemptOutcome.Failed, 3), (attempt.Outcome, attempt.ExitCode!.Value));
        Assert.True(peakKiB is > 0 and < 200 * 1024, $"the worker's peak resident memory was {peakKiB / 1024} MiB");
        var log = new FileInfo(harness.Backend.Logs is Fleetbook.Backends.Local.FileLogStore files ? files.JobLogPath("0001") : "");
        Assert.True(log.Length > OneGigabyte, $"the job log holds {log.Length} bytes: the output did not all reach it");
        Assert.True(html.Length < 5 * 1024 * 1024, $"the report is {html.Length / 1024} KiB");
        var failure = Assert.Single(report.Failures);
        Assert.True(failure.LogCut);
        Assert.Equal(log.FullName, failure.LogLocation);
        Assert.Contains(failure.LogTail, line => line.EndsWith(" the end", StringComparison.Ordinal));
        Assert.Contains("Cut to fit the report", html);
    }

    private static long PeakResidentKiB(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
