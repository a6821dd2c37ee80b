using Fleetbook.Journal;
using Fleetbook.Tests.Aws.Emulators;

namespace Fleetbook.Tests.Aws.Integration;

/// <summary>Whole runs on AWS protocols: the steps and two real fleetbook-worker processes against fauxqs (SQS and S3).</summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class AwsRunTests(AwsEmulators emulators)
{
    [EmulatorFact]
    public async Task A_thousand_jobs_all_land_in_S3_and_the_failing_one_reaches_the_dead_letters_and_is_redriven()
    {
        // Arrange
        await using var harness = await AwsRunHarness.CreateAsync(emulators, AwsRunHarness.ShellJobConfig("thousand"));
        var jobs = AwsRunHarness.NumberedJobs(1000).Append("fail").ToList();
        var jobFile = harness.WriteJobFile(jobs);

        // Act
        var setup = await harness.Run.SetupAsync();
        var submitted = await harness.Run.SubmitAsync(jobFile);
        await harness.Run.StartAsync();
        var result = await harness.MonitorAsync(TimeSpan.FromMinutes(4));
        var deadLetters = await harness.Run.DeadLettersAsync();
        var redriven = await harness.Run.RedriveAsync();
        var afterRedrive = await harness.Run.StatusAsync();

        // Assert
        Assert.True(setup.Queue.Created);
        Assert.True(submitted.Complete, string.Join("; ", submitted.Failures));
        var outputs = await harness.OutputsAsync();
        Assert.Equal(1000, outputs.Count);
        Assert.All(AwsRunHarness.NumberedJobs(1000), id => Assert.Equal(id + "\n", outputs[$"results/{id}/out.txt"]));
        var runs = harness.RunsPerJob();
        Assert.All(AwsRunHarness.NumberedJobs(1000), id => Assert.Equal(1, runs[id]));
        Assert.Equal(2, runs["fail"]);
        Assert.Equal(1000, result.Final.Succeeded);
        Assert.Equal(1, result.Final.DeadLetter);
        var dead = Assert.Single(deadLetters.Jobs);
        Assert.Equal("fail", dead.JobId);
        Assert.Equal([(AttemptOutcome.Failed, 3), (AttemptOutcome.Failed, 3)], dead.Attempts.Select(a => (a.Outcome, a.ExitCode!.Value)));
        Assert.Equal(1, redriven.Moved);
        Assert.Equal((0L, 1L), (afterRedrive.DeadLetter, afterRedrive.Visible));
        Assert.Contains("boom", string.Join("\n", await harness.Backend.Logs.TailJobAsync("fail", 20, CancellationToken.None)), StringComparison.Ordinal);
    }
}
