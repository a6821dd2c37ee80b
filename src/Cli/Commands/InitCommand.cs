using Fleetbook.Cli.Rendering;
using Fleetbook.Configuration;

namespace Fleetbook.Cli.Commands;

/// <summary><c>fleetbook init</c>: a starter project that runs as written, to edit into the user's own.</summary>
internal static class InitCommand
{
    public static Task<int> RunAsync(Terminal terminal, string directory, string appName, BackendKind backend, bool force, CancellationToken token)
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
            Backend = backend,
            Image = backend == BackendKind.Aws ? "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-program-fleetbook:latest" : "",
            Bucket = backend == BackendKind.Aws ? "my-fleetbook-bucket" : "bucket",
            TaskRoleArn = backend == BackendKind.Aws ? "arn:aws:iam::123456789012:role/FleetbookTaskRole" : "",
        };
        var parsed = ConfigFile.Parse(ConfigFile.ToJson(config), configPath);
        Directory.CreateDirectory(folder);
        ProjectFiles.WriteConfigWithSchema(parsed, configPath);
        File.WriteAllText(jobPath, StarterFiles.JobFile);
        File.WriteAllText(fleetPath, StarterFiles.FleetFile);

        terminal.Line($"init: wrote {configPath}, {RunConfig.SchemaFileName}, job.json and fleet.json in {folder}");
        terminal.Line("The starter command echoes each job's values into results/<job>/result.txt; replace 'command' with your program.");
        if (backend == BackendKind.Aws)
        {
            terminal.Line("For AWS: put your bucket, image (src/Worker/build-image.sh), task role and account into fleetbook.json, your AMI, subnet,");
            terminal.Line("security group and roles into fleet.json; 'fleetbook preflight' says what is still missing.");
        }
        else if (backend == BackendKind.Slurm)
        {
            terminal.Line("For Slurm: keep this folder on a file system the compute nodes share; set slurm.partition (and account, qos,");
            terminal.Line("timeLimit) in fleetbook.json; 'fleetbook preflight' checks the partition, its limits and what the nodes can see.");
        }

        var elsewhere = Path.GetFullPath(".").TrimEnd(Path.DirectorySeparatorChar) != folder.TrimEnd(Path.DirectorySeparatorChar);
        terminal.Line($"Next{(elsewhere ? $", in {folder}" : "")}: fleetbook plan, fleetbook preflight, fleetbook setup, fleetbook submit job.json, fleetbook start, fleetbook monitor");
        return Task.FromResult(CliApp.Success);
    }
}
