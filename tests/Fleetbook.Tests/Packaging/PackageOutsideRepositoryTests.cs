using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Packaging;

/// <summary>
/// A user's script in an empty folder outside the repository, with no FLEETBOOK_WORKER, takes Fleetbook from the
/// packed feed and runs a local run to the end: the worker comes from the package.
/// </summary>
public sealed class PackageOutsideRepositoryTests
{
    private const int Jobs = 6;

    [PackageFact]
    public async Task An_FSharp_script_with_a_nuget_reference_runs_a_local_run_to_the_end()
    {
        // Arrange
        var packed = await PackedFleetbook.GetAsync();
        using var folder = new TempFolder("pkg-fsx");
        folder.Write("run.fsx", $$""""
            {{packed.SourceDirective}}
            #r "nuget: Fleetbook"
            open System
            open System.IO
            open Fleetbook.Configuration
            open Fleetbook.Steps

            let folder = __SOURCE_DIRECTORY__
            let config = RunConfig(AppName = "FromPackage", Shell = true).WithCommand([ "echo {group.Well} > {output_dir}/out.txt" ]).WithMachines(1).WithIdleExitSeconds(1)
            File.WriteAllText(Path.Combine(folder, "job.json"), """{{JobFile()}}""")
            let final =
                task {
                    use run = FleetRun.Create(config, folder)
                    let! _ = run.SetupAsync()
                    let! _ = run.SubmitAsync(Path.Combine(folder, "job.json"))
                    let! _ = run.StartAsync()
                    let! monitor = run.MonitorAsync(options = MonitorOptions(PollInterval = TimeSpan.FromSeconds 0.2))
                    return monitor.Final
                }
                |> Async.AwaitTask
                |> Async.RunSynchronously
            printfn "done: %d succeeded, %d dead, %d outputs" final.Succeeded final.DeadLetter (Directory.GetFiles(folder, "out.txt", SearchOption.AllDirectories).Length)
            """");

        // Act
        var outcome = await ChildProcess.RunDotnetAsync(["fsi", "--quiet", "run.fsx"], UserEnvironment(packed), folder.Path, TimeSpan.FromMinutes(4));

        // Assert
        Assert.True(outcome.ExitCode == 0, outcome.All);
        Assert.Contains($"done: {Jobs} succeeded, 0 dead, {Jobs} outputs", outcome.Output);
    }

    [PackageFact]
    public async Task A_file_based_app_with_a_package_directive_runs_a_local_run_to_the_end()
    {
        // Arrange: the user's own nuget.config names the feed, as it would a company feed.
        var packed = await PackedFleetbook.GetAsync();
        using var folder = new TempFolder("pkg-cs");
        var config = folder.Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /><add key="feed" value="{packed.Feed}" /></packageSources></configuration>
            """);
        folder.Write("app.cs", $$""""
            #:package Fleetbook@{{packed.Version}}
            #:property PublishAot=false
            using Fleetbook.Configuration;
            using Fleetbook.Steps;

            var folder = Environment.CurrentDirectory;
            var config = new RunConfig { AppName = "FromPackage", Shell = true, Command = ["echo {group.Well} > {output_dir}/out.txt"], Machines = 1, IdleExitSeconds = 1 };
            File.WriteAllText(Path.Combine(folder, "job.json"), """{{JobFile()}}""");
            await using var run = FleetRun.Create(config, folder);
            await run.SetupAsync();
            await run.SubmitAsync(Path.Combine(folder, "job.json"));
            await run.StartAsync();
            var monitor = await run.MonitorAsync(options: new MonitorOptions { PollInterval = TimeSpan.FromSeconds(0.2) });
            Console.WriteLine($"done: {monitor.Final.Succeeded} succeeded, {monitor.Final.DeadLetter} dead, {Directory.GetFiles(folder, "out.txt", SearchOption.AllDirectories).Length} outputs");
            """");
        var environment = new Dictionary<string, string>(UserEnvironment(packed)) { ["RestoreConfigFile"] = config };

        // Act
        var outcome = await ChildProcess.RunDotnetAsync(["run", "app.cs"], environment, folder.Path, TimeSpan.FromMinutes(4));

        // Assert
        Assert.True(outcome.ExitCode == 0, outcome.All);
        Assert.Contains($"done: {Jobs} succeeded, 0 dead, {Jobs} outputs", outcome.Output);
    }

    private static string JobFile() =>
        "{\"groups\": [" + string.Join(", ", Enumerable.Range(1, Jobs).Select(i => $"{{\"Well\": \"A{i:00}\"}}")) + "]}";

    /// <summary>The packed feed's restore settings, and no FLEETBOOK_WORKER: the worker must come from the package.</summary>
    private static Dictionary<string, string> UserEnvironment(PackedFleetbook packed) =>
        new(packed.Environment) { ["FLEETBOOK_WORKER"] = "" };
}
