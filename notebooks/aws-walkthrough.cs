#:project ../src/Toolkit/Fleetbook.csproj
#:property PublishAot=false

// Twin of 03-aws-walkthrough.ipynb: config → preflight → setup → submit → start → monitor → cleanup on AWS, printed
// instead of displayed. Set the FLEETBOOK_WALKTHROUGH_* variables (bucket, image, fleet file, roles) first.
using Fleetbook.Configuration;
using Fleetbook.Steps;

string Setting(string name, string fallback) =>
    Environment.GetEnvironmentVariable("FLEETBOOK_WALKTHROUGH_" + name) is { Length: > 0 } value ? value : fallback;

var project = Directory.CreateDirectory(Setting("DIR", Path.Combine(Path.GetTempPath(), "fleetbook-aws-walkthrough"))).FullName;
var config = new RunConfig
{
    AppName = Setting("APP", "AwsWalkthrough"),
    Backend = BackendKind.Aws,
    Region = Setting("REGION", "us-east-1"),
    Bucket = Setting("BUCKET", "my-fleetbook-bucket"),
    Image = Setting("IMAGE", "123456789012.dkr.ecr.us-east-1.amazonaws.com/fleetbook-worker:latest"),
    Cluster = Setting("CLUSTER", "FleetbookWalkthrough"),
    FleetMode = Enum.Parse<FleetMode>(Setting("MODE", "SpotFleet")),
    FleetFile = Setting("FLEET_FILE", Path.Combine(project, "fleet.json")),
    TaskRoleArn = Setting("TASK_ROLE", "arn:aws:iam::123456789012:role/FleetbookTaskRole"),
    Machines = 2,
    TasksPerMachine = 1,
    DockerCores = 2,
    Memory = 2000,
    MachineTypes = ["m5.xlarge"],
    Command = ["/bin/sh", "-c", "echo \"counting in $1\"; echo \"$1\" > \"$2/out.txt\"", "job", "{group.well}", "{output_dir}"],
    IdleExitSeconds = 5,
};
ConfigFile.Save(config, Path.Combine(project, RunConfig.DefaultFileName));

await using var run = FleetRun.Open(project);
var preflight = await run.PreflightAsync();
Console.WriteLine(preflight);
if (!preflight.Ready)
{
    return 2;
}

Console.WriteLine(await run.PlanAsync());
Console.WriteLine(await run.SetupAsync());
var jobFile = Path.Combine(project, "jobs.json");
var wells = Enumerable.Range(1, 12).Select(i => $"{(char)('A' + (i - 1) / 6)}{(i - 1) % 6 + 1:00}");
File.WriteAllText(jobFile, System.Text.Json.JsonSerializer.Serialize(new { groups = wells.Select(w => new { well = w }) }));
Console.WriteLine(await run.SubmitAsync(jobFile));
Console.WriteLine(await run.StartAsync(progress: new Progress<string>(Console.WriteLine)));

var poll = TimeSpan.FromSeconds(double.Parse(Setting("POLL_SECONDS", "60"), System.Globalization.CultureInfo.InvariantCulture));
var monitored = await run.MonitorAsync(options: new MonitorOptions { PollInterval = poll, Actions = new Progress<string>(Console.WriteLine) });
Console.WriteLine(monitored);
var left = await run.FindRunsAsync();
var leftOfThisRun = left.Runs.Count(r => r.AppName == config.AppName);
Console.WriteLine($"aws walkthrough done: {monitored.Final.Succeeded} succeeded, {monitored.Final.DeadLetter} dead, {leftOfThisRun} run(s) left");
return monitored.HadFailures || leftOfThisRun > 0 ? 1 : 0;
