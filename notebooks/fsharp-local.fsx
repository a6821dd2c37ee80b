// F# twin of 02-fsharp-local.ipynb. Needs `dotnet build src/Cli` first: its output folder holds Fleetbook.dll
// with its dependencies (SQLite) and fleetbook-worker beside it. Run: dotnet fsi notebooks/fsharp-local.fsx
#r "../src/Cli/bin/Debug/net10.0/Fleetbook.dll"

open System
open System.IO
open Fleetbook.Configuration
open Fleetbook.Display
open Fleetbook.Reports
open Fleetbook.Steps

let worker = Path.Combine(__SOURCE_DIRECTORY__, "../src/Cli/bin/Debug/net10.0/fleetbook-worker.dll") |> Path.GetFullPath
if isNull (Environment.GetEnvironmentVariable "FLEETBOOK_WORKER") && File.Exists worker then
    Environment.SetEnvironmentVariable("FLEETBOOK_WORKER", worker)

// fsi does not read the app's deps.json, so SQLite's native library is loaded by hand from runtimes/<rid>/native.
let bin = Path.Combine(__SOURCE_DIRECTORY__, "../src/Cli/bin/Debug/net10.0") |> Path.GetFullPath
let native = Path.Combine(bin, "runtimes", Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier, "native")
let sqlite = Directory.GetFiles(native, "*e_sqlite3*") |> Array.head
Runtime.InteropServices.NativeLibrary.SetDllImportResolver(
    Reflection.Assembly.LoadFrom(Path.Combine(bin, "SQLitePCLRaw.provider.e_sqlite3.dll")),
    fun name _ _ -> if name = "e_sqlite3" then Runtime.InteropServices.NativeLibrary.Load sqlite else IntPtr.Zero)

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

let run = FleetRun.Create(config, folder)

let result =
    task {
        try
            let! setup = run.SetupAsync()
            printfn "%O" setup
            let! submitted = run.SubmitAsync(jobFile)
            printfn "%O" submitted
            let! started = run.StartAsync()
            printfn "%O" started
            let! monitor = run.MonitorAsync(null, MonitorOptions(PollInterval = Nullable(TimeSpan.FromSeconds 0.2), LiveDisplay = LiveDisplayMode.On))
            let! report = RunReport.CreateAsync(run, monitor)
            printfn "report: %d attempts, %d failures" report.Attempts.Count report.Failures.Count
            return monitor.Final
        finally
            run.CleanupAsync().Wait()
            run.DisposeAsync().AsTask().Wait()
            Directory.Delete(folder, true)
    }
    |> Async.AwaitTask
    |> Async.RunSynchronously

printfn "fsharp done: %d succeeded, %d dead" result.Succeeded result.DeadLetter
if result.Succeeded <> 20L || result.DeadLetter <> 0L then exit 1
