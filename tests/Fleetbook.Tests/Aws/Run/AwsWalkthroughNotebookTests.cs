using Fleetbook.Tests.Aws.Emulators;
using Fleetbook.Tests.Aws.Fake;
using Fleetbook.Tests.Kernels;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Aws.Run;

/// <summary>notebooks/03-aws-walkthrough.ipynb runs top to bottom with fleetbook-notebook, its AWS being fauxqs and the fake server.</summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class AwsWalkthroughNotebookTests(AwsEmulators emulators)
{
    [AwsRunFact]
    public Task The_AWS_walkthrough_runs_to_the_end_against_the_emulators_and_leaves_nothing() =>
        PlayAsync((folder, _) => [NotebookRunnerProcess.RunnerDll, "run", RepositoryNotebookTests.RepositoryNotebooks().Single(n => RepositoryNotebookTests.CiMode(n) == "aws-emulators"),
            "--output", folder.File("03.executed.ipynb"), "--timeout", "240"], folder => File.ReadAllText(folder.File("03.executed.ipynb")));

    [AwsRunFact]
    public Task The_AWS_walkthrough_twin_runs_as_a_file_based_app() =>
        PlayAsync((_, root) => ["run", Path.Combine(root, "notebooks", "aws-walkthrough.cs")], _ => "");

    private async Task PlayAsync(Func<TempFolder, string, string[]> arguments, Func<TempFolder, string> executed)
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

        var outcome = await ChildProcess.RunDotnetAsync(arguments(folder, WalkthroughTwinFactAttribute.RepositoryRoot()!), environment, limit: TimeSpan.FromMinutes(5));

        Assert.True(outcome.ExitCode == 0, outcome.All);
        var shown = executed(folder) + outcome.All;
        Assert.Contains("deleted cluster", shown, StringComparison.Ordinal);
        Assert.DoesNotContain(server.SecretAccessKey, shown, StringComparison.Ordinal);
        Assert.Empty(server.ResourcesLeft());
        server.AssertNoViolations();
    }
}
