using System.Runtime.InteropServices;
using Fleetbook.Backends.Local;
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
            let config = RunConfig(AppName = "FromPackage", Shell = true).WithCommand([ "{{WorkerReport}}" ]).WithMachines(1).WithIdleExitSeconds(1)
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
            let outputs = Directory.GetFiles(folder, "out.txt", SearchOption.AllDirectories)
            printfn "done: %d succeeded, %d dead, %d outputs" final.Succeeded final.DeadLetter outputs.Length
            printfn "workers: %s" (outputs |> Array.map (fun f -> (File.ReadAllText f).Trim().Split(' ').[1]) |> Array.distinct |> String.concat ",")
            """");

        // Act
        var outcome = await ChildProcess.RunDotnetAsync(["fsi", "--quiet", "run.fsx"], UserEnvironment(packed), folder.Path, TimeSpan.FromMinutes(4));

        // Assert
        Assert.True(outcome.ExitCode == 0, outcome.All);
        Assert.Contains($"done: {Jobs} succeeded, 0 dead, {Jobs} outputs", outcome.Output);
        AssertTheWorkerWasThePackages(outcome.Output);
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
            var config = new RunConfig { AppName = "FromPackage", Shell = true, Command = ["{{WorkerReport}}"], Machines = 1, IdleExitSeconds = 1 };
            File.WriteAllText(Path.Combine(folder, "job.json"), """{{JobFile()}}""");
            await using var run = FleetRun.Create(config, folder);
            await run.SetupAsync();
            await run.SubmitAsync(Path.Combine(folder, "job.json"));
            await run.StartAsync();
            var monitor = await run.MonitorAsync(options: new MonitorOptions { PollInterval = TimeSpan.FromSeconds(0.2) });
            var outputs = Directory.GetFiles(folder, "out.txt", SearchOption.AllDirectories);
            Console.WriteLine($"done: {monitor.Final.Succeeded} succeeded, {monitor.Final.DeadLetter} dead, {outputs.Length} outputs");
            Console.WriteLine($"workers: {string.Join(",", outputs.Select(f => File.ReadAllText(f).Trim().Split(' ')[1]).Distinct())}");
            """");
        var environment = new Dictionary<string, string>(UserEnvironment(packed)) { ["RestoreConfigFile"] = config };

        // Act
        var outcome = await ChildProcess.RunDotnetAsync(["run", "app.cs"], environment, folder.Path, TimeSpan.FromMinutes(4));

        // Assert
        Assert.True(outcome.ExitCode == 0, outcome.All);
        Assert.Contains($"done: {Jobs} succeeded, 0 dead, {Jobs} outputs", outcome.Output);
        AssertTheWorkerWasThePackages(outcome.Output);
    }

    /// <summary>Each job writes its well and the program that started it (its shell's parent: the worker).</summary>
    private const string WorkerReport = "echo {group.Well} $(readlink /proc/$PPID/exe) > {output_dir}/out.txt";

    /// <summary>On Linux x64 the package's native worker ran every job; elsewhere the portable one (started by the dotnet host).</summary>
    private static void AssertTheWorkerWasThePackages(string output)
    {
        var workers = output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("workers: ", StringComparison.Ordinal))["workers: ".Length..];
        if (OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64)
        {
            Assert.EndsWith("/" + WorkerLauncher.NativeWorkerName, workers);
        }
        else
        {
            Assert.DoesNotContain(WorkerLauncher.NativeWorkerName, workers);
        }

        Assert.DoesNotContain(",", workers);
    }

    private static string JobFile() =>
        "{\"groups\": [" + string.Join(", ", Enumerable.Range(1, Jobs).Select(i => $"{{\"Well\": \"A{i:00}\"}}")) + "]}";

    /// <summary>The packed feed's restore settings, and no FLEETBOOK_WORKER: the worker must come from the package.</summary>
    private static Dictionary<string, string> UserEnvironment(PackedFleetbook packed) =>
        new(packed.Environment) { ["FLEETBOOK_WORKER"] = "" };
}
