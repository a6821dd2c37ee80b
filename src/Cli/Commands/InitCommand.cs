using Fleetbook.Cli.Rendering;
using Fleetbook.Configuration;

namespace Fleetbook.Cli.Commands;

/// <summary><c>fleetbook init</c>: a starter project that runs as written, to edit into the user's own.</summary>
internal static class InitCommand
{
    public static Task<int> RunAsync(Terminal terminal, string directory, string appName, bool force, CancellationToken token)
    {
        var folder = Path.GetFullPath(directory);
        var configPath = Path.Combine(folder, RunConfig.DefaultFileName);
        var jobPath = Path.Combine(folder, "job.json");
        var fleetPath = Path.Combine(folder, "fleet.json");
        ProjectFiles.EnsureWritable([configPath, jobPath, fleetPath], force);

        var config = new RunConfig
        {
            AppName = appName,
            Command = ["/bin/sh", "-c", "echo \"$0 $1\" > \"$2/result.txt\"", "{group.job_flag_2}", "{group.job_flag_3}", "{output_dir}"],
            Outputs = "results/{job_id}",
            Machines = 1,
            DockerCores = 2,
            IdleExitSeconds = 5,
        };
        var parsed = ConfigFile.Parse(ConfigFile.ToJson(config), configPath);
        Directory.CreateDirectory(folder);
        ProjectFiles.WriteConfigWithSchema(parsed, configPath);
        File.WriteAllText(jobPath, StarterFiles.JobFile);
        File.WriteAllText(fleetPath, StarterFiles.FleetFile);

        terminal.Line($"init: wrote {configPath}, {RunConfig.SchemaFileName}, job.json and fleet.json in {folder}");
        terminal.Line("The starter command echoes each job's values into results/<job>/result.txt; replace 'command' with your program.");
        terminal.Line("Next: fleetbook setup, fleetbook submit job.json, fleetbook start, fleetbook monitor");
        return Task.FromResult(CliApp.Success);
    }
}
