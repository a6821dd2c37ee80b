#:project ../src/Toolkit/Fleetbook.csproj
#:project ../src/Worker/Fleetbook.Worker.csproj
#:property PublishAot=false

// Failures twin of 04-failures-and-reruns.ipynb: one job fails, lands in the dead-letter queue, is fixed and redriven.
using Fleetbook.Configuration;
using Fleetbook.Steps;

var folder = Directory.CreateTempSubdirectory("fleetbook-failures-").FullName;
var config = new RunConfig
{
    AppName = "Failures",
    Shell = true,
    // A03 fails (exit 3) unless the environment says the bug is fixed.
    Command = ["if [ {group.Metadata_Well} = A03 ] && [ \"$FIXED\" != yes ]; then echo broken >&2; exit 3; fi; echo ok > {output_dir}/out.txt"],
    Machines = 2,
    MaxReceives = 2,
    RetryDelaySeconds = 0,
    VisibilitySeconds = 10,
    IdleExitSeconds = 1,
    JobTimeoutSeconds = 30,
};
var groups = Enumerable.Range(1, 6).Select(i => $"{{\"Metadata_Well\": \"A{i:00}\"}}");
var jobFile = Path.Combine(folder, "job.json");
File.WriteAllText(jobFile, "{\"groups\": [" + string.Join(", ", groups) + "]}");
var poll = new MonitorOptions { PollInterval = TimeSpan.FromSeconds(0.2), CleanupWhenDrained = false };

var run = FleetRun.Create(config, folder);
FleetRun? fixedRun = null;
try
{
    await run.SetupAsync();
    await run.SubmitAsync(jobFile);
    await run.StartAsync();
    var first = await run.MonitorAsync(null, poll);
    Console.WriteLine($"first pass: {first.Final.Succeeded} succeeded, {first.Final.DeadLetter} dead");
    var dead = await run.DeadLettersAsync();
    foreach (var job in dead.Jobs)
    {
        Console.WriteLine(job);
    }

    // The first pass's workers stop on their own once the queue has been idle IdleExitSeconds.
    while ((await run.StatusAsync()).Fleet.Running > 0)
    {
        await Task.Delay(200);
    }

    // The fix: the same run with an environment that makes A03 succeed.
    await run.DisposeAsync();
    fixedRun = FleetRun.Create(config with { Environment = new Dictionary<string, string> { ["FIXED"] = "yes" } }, folder);
    Console.WriteLine(await fixedRun.RedriveAsync());
    await fixedRun.StartAsync();
    var second = await fixedRun.MonitorAsync(null, poll with { CleanupWhenDrained = true });
    Console.WriteLine($"failures done: {second.Final.Succeeded} succeeded, {second.Final.DeadLetter} dead");
    return first.Final.DeadLetter == 1 && second.Final.DeadLetter == 0 && second.Final.Succeeded >= 6 ? 0 : 1;
}
finally
{
    var last = fixedRun ?? run;
    await last.CleanupAsync();
    await last.DisposeAsync();
    Directory.Delete(folder, recursive: true);
}
