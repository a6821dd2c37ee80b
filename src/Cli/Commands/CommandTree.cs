using System.CommandLine;
using Fleetbook.Cli.Rendering;
using Fleetbook.Jobs;

namespace Fleetbook.Cli.Commands;

/// <summary>Every verb of the fleetbook command, each bound to a handler.</summary>
internal static class CommandTree
{
    /// <summary>What help and errors call the program, however it was started (the tool's shim, dotnet run, a test).</summary>
    public const string ProgramName = "fleetbook";

    /// <summary>
    /// The root is a plain command named <see cref="ProgramName"/>: System.CommandLine's RootCommand names itself after
    /// the executable, which is Fleetbook.Cli under dotnet run and the installed tool alike.
    /// </summary>
    public static Command Build(Terminal terminal)
    {
        var config = new Option<string>("--config", "-c")
        {
            Description = "The run's config file (or its folder).",
            DefaultValueFactory = _ => Fleetbook.Configuration.RunConfig.DefaultFileName,
            Recursive = true,
        };
        var root = new Command(ProgramName, "Fleetbook: run one program over thousands of jobs, on this machine or an AWS fleet. Steps: setup → submit → start → monitor.")
        {
            config,
            new System.CommandLine.Help.HelpOption(),
            new VersionOption(),
        };

        var steps = new StepCommands(terminal, config);

        var initDir = new Option<string>("--dir") { Description = "Folder for the starter project.", DefaultValueFactory = _ => "." };
        var initName = new Option<string>("--app-name") { Description = "The run's name (APP_NAME).", DefaultValueFactory = _ => "MyRun" };
        var force = new Option<bool>("--force") { Description = "Overwrite files that already exist." };
        var initBackend = new Option<string>("--backend") { Description = "local (this machine), aws, or slurm (a cluster, from its login node).", DefaultValueFactory = _ => "local" };
        initBackend.AcceptOnlyFromAmong("local", "aws", "slurm");
        var init = new Command("init", "Write a starter project: fleetbook.json (with its schema), a job file and a fleet file.") { initDir, initName, initBackend, force };
        init.SetAction((parse, token) => InitCommand.RunAsync(terminal, parse.GetValue(initDir)!, parse.GetValue(initName)!,
            parse.GetValue(initBackend) switch
            {
                "aws" => Fleetbook.Configuration.BackendKind.Aws,
                "slurm" => Fleetbook.Configuration.BackendKind.Slurm,
                _ => Fleetbook.Configuration.BackendKind.Local,
            }, parse.GetValue(force), token));
        root.Subcommands.Add(init);

        var demoDir = new Option<string>("--dir") { Description = "Folder for the demo's data, state and results.", DefaultValueFactory = _ => "./fleetbook-demo" };
        var demoWorkers = new Option<int>("--workers") { Description = "Worker processes to start.", DefaultValueFactory = _ => 2 };
        var demo = new Command("demo", "Run a complete CellProfiler-flavoured run locally: synthetic plate → queue → workers → results.csv and report.html.") { demoDir, demoWorkers };
        demo.SetAction((parse, token) => Demo.DemoCommand.RunAsync(terminal, parse.GetValue(demoDir)!, parse.GetValue(demoWorkers), token));
        root.Subcommands.Add(demo);

        var plan = new Command("plan", "Show what setup would create; changes nothing.");
        plan.SetAction(steps.PlanAsync);
        root.Subcommands.Add(plan);

        var setup = new Command("setup", "Create the queue and its dead-letter queue (and, on AWS, the cluster, task definition and service).");
        setup.SetAction(steps.SetupAsync);
        root.Subcommands.Add(setup);

        var preflightFleetFile = new Argument<string?>("FLEETFILE") { Description = "The fleet file start would use (default: the config's fleetFile on AWS).", Arity = ArgumentArity.ZeroOrOne };
        var preflight = new Command("preflight", "Check, touching nothing, that start can succeed (AWS: the image, AMI, subnets, security groups, machine types, roles, bucket); before setup, it checks the rest and says setup comes first.") { preflightFleetFile };
        preflight.SetAction((parse, token) => steps.PreflightAsync(parse, parse.GetValue(preflightFleetFile), token));
        root.Subcommands.Add(preflight);

        var jobFile = new Argument<string>("JOBFILE") { Description = "A Distributed-Something or Distributed-CellProfiler job file (.json), or a CSV job list." };
        var format = new Option<JobFileFormat>("--format") { Description = "The job file's format; Auto detects it (.csv is a CSV job list, DCP's keys a Distributed-CellProfiler file).", DefaultValueFactory = _ => JobFileFormat.Auto };
        var submit = new Command("submit", "Send one message per job of JOBFILE to the queue.") { jobFile, format };
        submit.Aliases.Add("submitJob");
        submit.SetAction((parse, token) => steps.SubmitAsync(parse, parse.GetValue(jobFile)!, parse.GetValue(format), token));
        root.Subcommands.Add(submit);

        var fleetFile = new Argument<string?>("FLEETFILE") { Description = "A Distributed-Something fleet file (AWS; default: the config's fleetFile; the local backend only checks it).", Arity = ArgumentArity.ZeroOrOne };
        var start = new Command("start", "Start the workers (local processes, or the AWS fleet).") { fleetFile };
        start.Aliases.Add("startCluster");
        start.SetAction((parse, token) => steps.StartAsync(parse, parse.GetValue(fleetFile), token));
        root.Subcommands.Add(start);

        var noCleanup = new Option<bool>("--no-cleanup") { Description = "Leave the queue and workers in place when the queue drains." };
        var interval = new Option<double?>("--interval") { Description = "Seconds between polls (default: 0.5 locally, 60 on AWS)." };
        var timeout = new Option<double?>("--timeout") { Description = "Stop monitoring after this many seconds (the run goes on)." };
        var monitorReport = new Option<string?>("--report") { Description = "When monitor ends, write the run report there (as 'fleetbook report -o PATH'), with the timeline monitor saw and its cleanup.", HelpName = "PATH" };
        var monitor = new Command("monitor", "Follow the run until the queue drains, restart exited workers, then clean up. Exit 1 if jobs ended in the dead-letter queue.") { noCleanup, interval, timeout, monitorReport };
        monitor.SetAction((parse, token) => steps.MonitorAsync(parse, !parse.GetValue(noCleanup), parse.GetValue(interval), parse.GetValue(timeout), parse.GetValue(monitorReport), token));
        root.Subcommands.Add(monitor);

        var reportOutput = new Option<string?>("--output", "-o") { Description = "Where to write the report (default: report.html beside the config).", HelpName = "PATH" };
        var report = new Command("report", "Write the run's report, one self-contained HTML page: jobs over time, job durations, failures with the end of their logs, the config. Read from the run's state (journal, queues, logs), during the run or after it.") { reportOutput };
        report.SetAction((parse, token) => steps.ReportAsync(parse, parse.GetValue(reportOutput), token));
        root.Subcommands.Add(report);

        var json = new Option<bool>("--json") { Description = "Print the status as JSON." };
        var status = new Command("status", "Show the queue, the dead-letter queue, the fleet, and why the run is where it is.") { json };
        status.SetAction((parse, token) => steps.StatusAsync(parse, parse.GetValue(json), token));
        root.Subcommands.Add(status);

        var cleanupApp = new Argument<string?>("APP_NAME") { Description = "Another run to remove (found with 'fleetbook runs list'; its names are derived from APP_NAME).", Arity = ArgumentArity.ZeroOrOne };
        var cleanupForce = new Option<bool>("--force") { Description = "Clean up even while jobs are waiting or running: they are lost (without it, cleanup refuses and says how many)." };
        var cleanup = new Command("cleanup", "Stop the workers and remove what the run created (AWS: in Distributed-Something's order); the dead-letter queue, logs and outputs are kept. Refuses while jobs remain unless --force (exit 2).") { cleanupApp, cleanupForce };
        cleanup.SetAction((parse, token) => steps.CleanupAsync(parse, parse.GetValue(cleanupApp), parse.GetValue(cleanupForce), token));
        root.Subcommands.Add(cleanup);

        var runsList = new Command("list", "Find runs by their fleetbook:run tag (AWS: fleets, clusters, services and saved run states in the config's account and region).");
        runsList.SetAction(steps.RunsAsync);
        var runs = new Command("runs", "Find runs left behind, which may still cost money: 'runs list' (AWS: by their fleetbook:run tag), then 'cleanup APP_NAME'.") { runsList };
        root.Subcommands.Add(runs);

        var dlqJson = new Option<bool>("--json") { Description = "Print the dead letters as JSON." };
        var dlqList = new Command("list", "Show each job in the dead-letter queue with every attempt and why it ended.") { dlqJson };
        dlqList.SetAction((parse, token) => steps.DeadLettersAsync(parse, parse.GetValue(dlqJson), token));
        var dlqRedrive = new Command("redrive", "Send every dead letter back to the job queue.");
        dlqRedrive.SetAction(steps.RedriveAsync);
        var dlq = new Command("dlq", "Dead-letter tools.") { dlqList, dlqRedrive };
        root.Subcommands.Add(dlq);

        var pythonConfig = new Argument<string>("CONFIG_PY") { Description = "A Distributed-Something or Distributed-CellProfiler config.py." };
        var output = new Option<string>("--out", "-o") { Description = "Where to write the converted config.", DefaultValueFactory = _ => Fleetbook.Configuration.RunConfig.DefaultFileName };
        var importForce = new Option<bool>("--force") { Description = "Overwrite an existing file." };
        var import = new Command("import-ds", "Convert a Distributed-Something config.py into fleetbook.json.") { pythonConfig, output, importForce };
        import.SetAction((parse, token) => ImportCommand.RunAsync(terminal, parse.GetValue(pythonConfig)!, parse.GetValue(output)!, parse.GetValue(importForce), token));
        root.Subcommands.Add(import);

        var schema = new Command("schema", "Print the JSON Schema of fleetbook.json (init and import-ds write it beside the config).");
        schema.SetAction(_ =>
        {
            terminal.Output.Write(Fleetbook.Configuration.ConfigSchemaDocument.ToJson());
            return CliApp.Success;
        });
        root.Subcommands.Add(schema);

        return root;
    }
}
