using System.Text.Json;
using Fleetbook.Configuration;
using Fleetbook.Tests.Aws.Emulators;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Aws.Run;

/// <summary>The fleetbook command on AWS, as a user runs it: its own process, endpoints and credentials from the environment.</summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class AwsCliTests(AwsEmulators emulators)
{
    [AwsRunFact]
    public async Task The_CLI_drives_a_whole_AWS_run_reports_it_and_runs_list_is_empty_afterwards()
    {
        await using var harness = await AwsBackendHarness.CreateAsync(emulators, AwsBackendHarness.JobConfig("Cli", FleetMode.SpotFleet));
        var environment = Environment(harness);
        var config = Path.Combine(harness.ProjectDirectory, RunConfig.DefaultFileName);
        var jobFile = Path.Combine(harness.ProjectDirectory, "jobs-with-one-failing.json");
        var groups = string.Join(", ", new[] { "0001", "0002", "0003", "0004", "0005", "fail" }.Select(n => $"{{\"n\": \"{n}\"}}"));
        File.WriteAllText(jobFile, $"{{\"shared\": \"{harness.Shared}\", \"groups\": [{groups}]}}");

        var preflight = await CliAsync(environment, "preflight", "-c", config);
        Assert.True(preflight.ExitCode == 0, preflight.All);
        Assert.Contains("setup comes first", preflight.Output, StringComparison.Ordinal);
        Assert.Equal(0, (await CliAsync(environment, "setup", "-c", config)).ExitCode);
        Assert.Equal(0, (await CliAsync(environment, "submit", jobFile, "-c", config)).ExitCode);
        var start = await CliAsync(environment, "start", "-c", config);
        Assert.True(start.ExitCode == 0, start.All);
        Assert.Contains("requested 2 machine(s)", start.Output, StringComparison.Ordinal);

        var status = await CliAsync(environment, "status", "--json", "-c", config);
        using (var json = JsonDocument.Parse(status.Output))
        {
            Assert.Equal(2, json.RootElement.GetProperty("machines").GetProperty("requested").GetInt32());
        }

        var listed = await CliAsync(environment, "runs", "list", "-c", config);
        Assert.Contains(harness.Config.AppName, listed.Output, StringComparison.Ordinal);

        var monitored = Path.Combine(harness.ProjectDirectory, "monitored.html");
        var monitor = await CliAsync(environment, "monitor", "--interval", "0.3", "--report", monitored, "-c", config);
        Assert.True(monitor.ExitCode == 1, monitor.All); // the failing job ended in the dead-letter queue
        Assert.Contains("deleted cluster", monitor.Output, StringComparison.Ordinal);

        // The report from the run's state alone, after cleanup: the journal in the bucket, the logs in CloudWatch Logs.
        var report = await CliAsync(environment, "report", "-c", config);
        Assert.True(report.ExitCode == 0, report.All);
        foreach (var html in new[] { File.ReadAllText(monitored), File.ReadAllText(Path.Combine(harness.ProjectDirectory, "report.html")) })
        {
            ReportHtml.AssertSelfContained(html);
            Assert.Contains($"Run report: {harness.Config.AppName}", html, StringComparison.Ordinal);
            Assert.Contains("1 job in the dead-letter queue", html, StringComparison.Ordinal);
            Assert.Contains("(aws backend)", html, StringComparison.Ordinal);
            Assert.Contains("How long attempts ran", html, StringComparison.Ordinal);
            Assert.Contains("boom", html, StringComparison.Ordinal); // the end of the failed job's log, from CloudWatch Logs
        }

        var after = await CliAsync(environment, "runs", "list", "-c", config);
        Assert.Equal(0, after.ExitCode);
        Assert.DoesNotContain(harness.Config.AppName, after.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", preflight.All + start.All + monitor.All + report.All + after.All, StringComparison.Ordinal);
        harness.Server.AssertNoViolations();
    }

    [Fact]
    public async Task An_unreachable_endpoint_exits_2_with_one_sentence_and_creates_nothing()
    {
        using var folder = new TempFolder("aws-unreachable");
        var config = folder.File(RunConfig.DefaultFileName);
        ConfigFile.Save(new RunConfig { AppName = "Unreachable", Backend = BackendKind.Aws, Command = ["true"], Image = "a/b:c" }, config);
        var environment = new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9",
            ["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE",
            ["AWS_SECRET_ACCESS_KEY"] = "not-a-real-secret-value",
            ["AWS_REGION"] = "us-east-1",
            ["AWS_MAX_ATTEMPTS"] = "1",
            ["AWS_EC2_METADATA_DISABLED"] = "true",
        };

        var setup = await CliAsync(environment, "setup", "-c", config);

        Assert.Equal(2, setup.ExitCode);
        Assert.Contains("127.0.0.1:9", setup.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", setup.All, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-real-secret-value", setup.All, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File(".fleetbook/Unreachable/aws-run.json")));
    }

    [Fact]
    public async Task An_AWS_starter_project_is_written_and_preflight_names_each_placeholder_left_in_it()
    {
        using var folder = new TempFolder("aws-init");
        var environment = new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9", ["AWS_MAX_ATTEMPTS"] = "1", ["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE", ["AWS_SECRET_ACCESS_KEY"] = "x", ["AWS_EC2_METADATA_DISABLED"] = "true" };

        var init = await CliAsync(environment, "init", "--dir", folder.Path, "--backend", "aws");
        var preflight = await CliAsync(environment, "preflight", "-c", folder.Path);

        Assert.Equal(0, init.ExitCode);
        Assert.Equal(BackendKind.Aws, ConfigFile.Load(folder.File(RunConfig.DefaultFileName)).Backend);
        Assert.Equal(2, preflight.ExitCode);
        Assert.Contains("\"XXXXXXXXXXXX\" where the 12-digit account id goes", preflight.Output, StringComparison.Ordinal);
        Assert.Contains("subnet-WWWWWWWW", preflight.Output, StringComparison.Ordinal);
        Assert.Contains("aws ec2 describe-subnets", preflight.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", preflight.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_without_the_fleet_file_exits_2_before_touching_AWS()
    {
        using var folder = new TempFolder("aws-nofleet");
        var config = folder.File(RunConfig.DefaultFileName);
        ConfigFile.Save(new RunConfig { AppName = "NoFleet", Backend = BackendKind.Aws, Command = ["true"], Image = "a/b:c" }, config);

        var start = await CliAsync(new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9", ["AWS_EC2_METADATA_DISABLED"] = "true" }, "start", "-c", config);

        Assert.Equal(2, start.ExitCode);
        Assert.Contains("fleet file fleet.json does not exist", start.Error, StringComparison.Ordinal);
        Assert.Contains("exampleFleet_us-east-1.json", start.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", start.All, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Environment(AwsBackendHarness harness)
    {
        var environment = new Dictionary<string, string>(harness.Server.ClientEnvironment());
        foreach (var name in new[] { "AWS_ENDPOINT_URL_SQS", "AWS_ENDPOINT_URL_S3" })
        {
            environment[name] = harness.Options.Environment(name)!;
        }

        return environment;
    }

    private static Task<CliOutcome> CliAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        ChildProcess.RunDotnetAsync([Path.Combine(AppContext.BaseDirectory, "Fleetbook.Cli.dll"), .. args], environment);
}
