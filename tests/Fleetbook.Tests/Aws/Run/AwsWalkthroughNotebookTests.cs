using Fleetbook.Tests.Aws.Emulators;
using Fleetbook.Tests.Aws.Fake;
using Fleetbook.Tests.Kernels;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Aws.Run;

/// <summary>
/// notebooks/03-aws-walkthrough.ipynb runs top to bottom in the real kernel (through fleetbook-notebook, Fleetbook from
/// the packed feed), its AWS being fauxqs and the fake server; and its twin as a file-based app.
/// </summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class AwsWalkthroughNotebookTests(AwsEmulators emulators)
{
    [AwsNotebookFact]
    public Task The_AWS_walkthrough_runs_to_the_end_in_the_real_kernel_against_the_emulators_and_leaves_nothing() =>
        PlayAsync(async environment =>
        {
            var packed = await PackedFleetbook.GetAsync();
            var notebook = Walkthroughs.All().Single(n => Walkthroughs.CiMode(n) == "aws-emulators");
            var kernelEnvironment = Walkthroughs.UserEnvironment(packed);
            foreach (var (name, value) in environment)
            {
                kernelEnvironment[name] = value;
            }

            using var run = await RealKernel.RunStdioAsync(notebook, ["--nuget-source", packed.Feed, "--timeout", "240"], kernelEnvironment);
            Assert.True(run.Succeeded, run.Failure);
            Assert.Empty(run.LeftBehind);
            return File.ReadAllText(run.ExecutedPath) + run.Outcome.All;
        });

    [AwsRunFact]
    public Task The_AWS_walkthrough_twin_runs_as_a_file_based_app() =>
        PlayAsync(async environment =>
        {
            var outcome = await ChildProcess.RunDotnetAsync(["run", Repository.Path("notebooks", "aws-walkthrough.cs")], environment, limit: TimeSpan.FromMinutes(5));
            Assert.True(outcome.ExitCode == 0, outcome.All);
            return outcome.All;
        });

    /// <summary>Runs <paramref name="play"/> with the walkthrough's settings in its environment; what it returns is all it showed.</summary>
    private async Task PlayAsync(Func<IReadOnlyDictionary<string, string>, Task<string>> play)
    {
        var fauxqs = await emulators.FauxqsAsync();
        using var bucket = await emulators.FauxqsBucketAsync();
        await using var server = FakeAwsServer.Start();
        server.TaskEnvironmentOverrides["AWS_ENDPOINT_URL_SQS"] = fauxqs.Endpoint;
        server.TaskEnvironmentOverrides["AWS_ENDPOINT_URL_S3"] = fauxqs.Endpoint;
        using var folder = new TempFolder("aws-walkthrough");
        var fleetFile = folder.Write("fleet.json", AwsBackendHarness.DsExampleFleetFile);
        var app = AwsEmulators.NewName("Walkthrough");
        var environment = new Dictionary<string, string>(server.ClientEnvironment())
        {
            ["AWS_ENDPOINT_URL_SQS"] = fauxqs.Endpoint,
            ["AWS_ENDPOINT_URL_S3"] = fauxqs.Endpoint,
            ["FLEETBOOK_WALKTHROUGH_DIR"] = folder.File("project"),
            ["FLEETBOOK_WALKTHROUGH_FLEET_FILE"] = fleetFile,
            ["FLEETBOOK_WALKTHROUGH_APP"] = app,
            ["FLEETBOOK_WALKTHROUGH_BUCKET"] = bucket.Name,
            ["FLEETBOOK_WALKTHROUGH_CLUSTER"] = app + "Cluster",
            ["FLEETBOOK_WALKTHROUGH_IMAGE"] = "fleetbook/worker:test",
            ["FLEETBOOK_WALKTHROUGH_POLL_SECONDS"] = "0.5",
        };

        var shown = await play(environment);

        Assert.Contains("deleted cluster", shown, StringComparison.Ordinal);
        Assert.DoesNotContain(server.SecretAccessKey, shown, StringComparison.Ordinal);
        Assert.Empty(server.ResourcesLeft());
        server.AssertNoViolations();
    }
}

/// <summary>An AWS run fact that also needs the real kernel (and the repository, to pack Fleetbook): skipped, with the reason, when any is missing.</summary>
public sealed class AwsNotebookFactAttribute : FactAttribute
{
    public AwsNotebookFactAttribute() => Skip = new AwsRunFactAttribute().Skip ?? RealKernelSkip.Reason(KernelNeeds.Repository);
}
