// F# twin of 02-fsharp-local.ipynb. Needs `dotnet build src/Cli` first: its output folder holds Fleetbook.dll with
// its dependencies and fleetbook-worker beside it. Run: dotnet fsi notebooks/fsharp-local.fsx
// Outside this repository, `#r "nuget: Fleetbook"` takes the place of the #r below.
#r "../src/Cli/bin/Debug/net10.0/Fleetbook.dll"

open System
open System.IO
open Fleetbook.Configuration
open Fleetbook.Display
open Fleetbook.Reports
open Fleetbook.Steps

let folder = Directory.CreateTempSubdirectory("fleetbook-fsharp-").FullName

let config =
    RunConfig(AppName = "FSharpQuickstart", Shell = true)
        .WithCommand([ "echo \"well {group.Metadata_Well}\" > {output_dir}/{group.Metadata_Well}.txt" ])
        .WithMachines(2)
        .WithIdleExitSeconds(1)
        .WithJobTimeoutSeconds(30)

let jobFile = Path.Combine(folder, "job.json")
[ 1..20 ]
|> List.map (sprintf "{\"Metadata_Plate\": \"P1\", \"Metadata_Well\": \"A%02d\"}")
|> String.concat ", "
|> sprintf "{\"groups\": [%s]}"
|> fun text -> File.WriteAllText(jobFile, text)

let result =
    task {
        use run = FleetRun.Create(config, folder)
        let! setup = run.SetupAsync()
        printfn "%O" setup
        let! submitted = run.SubmitAsync(jobFile)
        printfn "%O" submitted
        let! started = run.StartAsync()
        printfn "%O" started
        let! monitor = run.MonitorAsync(options = MonitorOptions(PollInterval = TimeSpan.FromSeconds 0.2, LiveDisplay = LiveDisplayMode.On))
        let! report = RunReport.CreateAsync(run, monitor)
        printfn "report: %d attempts, %d failures" report.Attempts.Count report.Failures.Count
        let! _ = run.CleanupAsync()
        return monitor.Final
    }
    |> Async.AwaitTask
    |> Async.RunSynchronously

Directory.Delete(folder, true)
printfn "fsharp done: %d succeeded, %d dead" result.Succeeded result.DeadLetter
if result.Succeeded <> 20L || result.DeadLetter <> 0L then exit 1
