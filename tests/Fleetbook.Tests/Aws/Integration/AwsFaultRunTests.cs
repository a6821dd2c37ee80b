using Fleetbook.Journal;
using Fleetbook.Tests.Aws.Emulators;
using Xunit.Abstractions;

namespace Fleetbook.Tests.Aws.Integration;

/// <summary>A run whose every SQS call (the steps' and the workers') goes through a proxy that throttles, fails and drops about 10% of them.</summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class AwsFaultRunTests(AwsEmulators emulators, ITestOutputHelper output)
{
    [EmulatorFact]
    public async Task Five_hundred_jobs_through_throttling_server_errors_and_dropped_connections_lose_nothing_and_run_once()
    {
        // Arrange
        var config = AwsRunHarness.ShellJobConfig("faults");
        await using var harness = await AwsRunHarness.CreateAsync(emulators, config, FaultPlan.Evenly(0.10));
        var jobFile = harness.WriteJobFile(AwsRunHarness.NumberedJobs(500));
        harness.StartFaults();

        // Act
        await harness.Run.SetupAsync();
        var submitted = await harness.Run.SubmitAsync(jobFile);
        await harness.Run.StartAsync();
        var result = await harness.MonitorAsync(TimeSpan.FromMinutes(4));
        harness.StopFaults();

        // Assert
        var proxy = harness.Proxy!;
        output.WriteLine(proxy.ToString());
        Assert.True(submitted.Complete, string.Join("; ", submitted.Failures));
        Assert.True(proxy.Throttled > 0 && proxy.ServerErrors > 0 && proxy.Dropped > 0, proxy.ToString());
        Assert.InRange((double)proxy.Faults / proxy.Requests, 0.05, 0.15);
        var outputs = await harness.OutputsAsync();
        Assert.All(AwsRunHarness.NumberedJobs(500), id => Assert.Equal(id + "\n", outputs[$"results/{id}/out.txt"]));
        Assert.Equal(500, result.Final.Succeeded);
        Assert.Equal(0, result.Final.DeadLetter);

        // A job may only have run twice when an attempt of it really failed (and the journal says so).
        var attempts = await harness.Run.AttemptsAsync();
        var failedJobs = attempts.Where(a => a.Outcome is not (AttemptOutcome.Succeeded or AttemptOutcome.SkippedDone)).Select(a => a.JobId).ToHashSet();
        var repeated = harness.RunsPerJob().Where(r => r.Value > 1).Select(r => r.Key).ToList();
        output.WriteLine($"jobs run more than once: {repeated.Count}; jobs with a failed attempt: {failedJobs.Count}");
        Assert.All(repeated, id => Assert.Contains(id, failedJobs));
        Assert.Equal(500, harness.RunsPerJob().Count);
    }
}
