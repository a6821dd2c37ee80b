#:project ../src/Toolkit/Fleetbook.csproj
#:project ../src/Worker/Fleetbook.Worker.csproj
#:property PublishAot=false

// Quickstart twin of 01-quickstart-local.ipynb: a local run of 20 small shell jobs, printed instead of displayed.
using Fleetbook.Configuration;
using Fleetbook.Display;
using Fleetbook.Reports;
using Fleetbook.Steps;

var folder = Directory.CreateTempSubdirectory("fleetbook-quickstart-").FullName;
var config = new RunConfig
{
    AppName = "Quickstart",
    Shell = true,
    Command = ["echo \"well {group.Metadata_Well}\" > {output_dir}/{group.Metadata_Well}.txt"],
    Machines = 2,
    IdleExitSeconds = 1,
    RetryDelaySeconds = 0,
    JobTimeoutSeconds = 30,
};
var groups = Enumerable.Range(1, 20).Select(i => $"{{\"Metadata_Plate\": \"P1\", \"Metadata_Well\": \"A{i:00}\"}}");
var jobFile = Path.Combine(folder, "job.json");
File.WriteAllText(jobFile, "{\"groups\": [" + string.Join(", ", groups) + "]}");

var run = FleetRun.Create(config, folder);
try
{
    Console.WriteLine(await run.PlanAsync());
    Console.WriteLine(await run.SetupAsync());
    Console.WriteLine(await run.SubmitAsync(jobFile));
    Console.WriteLine(await run.StartAsync());
    // LiveDisplayMode.On: with no notebook host, the run is shown on the console (redrawn on a terminal, a line per change otherwise).
    var monitor = await run.MonitorAsync(null, new MonitorOptions { PollInterval = TimeSpan.FromSeconds(0.2), LiveDisplay = LiveDisplayMode.On });
    Console.WriteLine(monitor.Final);
    Console.WriteLine(await run.StatusAsync());
    var report = await RunReport.CreateAsync(run, monitor);
    Console.WriteLine($"report: {report.Attempts.Count} attempts, {report.Failures.Count} failures");
    Console.WriteLine($"quickstart done: {monitor.Final.Succeeded} succeeded, {monitor.Final.DeadLetter} dead");
    return monitor.Final.Succeeded == 20 && monitor.Final.DeadLetter == 0 ? 0 : 1;
}
finally
{
    await run.CleanupAsync();
    await run.DisposeAsync();
    Directory.Delete(folder, recursive: true);
}
