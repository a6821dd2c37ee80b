using Fleetbook.Configuration;
using Fleetbook.Examples.CountObjects;

namespace Fleetbook.Cli.Demo;

/// <summary>The demo's folder: a synthetic 96-well plate × 4 sites in the bucket, a config and a job file grouped by Plate/Well/Site.</summary>
internal sealed record DemoProject(string Folder, RunConfig Config, string JobFile, int Images)
{
    public const string Plate = "Plate1";
    public const int Sites = 4;

    public static DemoProject Prepare(string folder, int workers)
    {
        Directory.CreateDirectory(folder);
        var images = Path.Combine(folder, "bucket", "images", Plate);
        Directory.CreateDirectory(images);
        var written = 0;
        foreach (var well in SyntheticPlate.Wells())
        {
            for (var site = 1; site <= Sites; site++)
            {
                if (!File.Exists(Path.Combine(images, SyntheticPlate.SiteFileName(well, site))))
                {
                    SyntheticPlate.WriteSite(images, Plate, well, site);
                }

                written++;
            }
        }

        var config = new RunConfig
        {
            AppName = "FleetbookDemo",
            Command = [.. SampleProgram.Command(), "count",
                "--image", "{input_dir}/{group.Metadata_Well}_s{group.Metadata_Site}.pgm",
                "--out", "{output_dir}",
                "--plate", "{group.Metadata_Plate}", "--well", "{group.Metadata_Well}", "--site", "{group.Metadata_Site}"],
            DownloadFiles = true,
            Inputs = "images/{group.Metadata_Plate}/{group.Metadata_Well}_s{group.Metadata_Site}.pgm",
            Outputs = "results/{job_id}",
            Machines = Math.Max(1, workers),
            DockerCores = 2,
            VisibilitySeconds = 30,
            MaxReceives = 3,
            RetryDelaySeconds = 2,
            JobTimeoutSeconds = 120,
            IdleExitSeconds = 3,
            CheckIfDone = new CheckIfDone(Enabled: true, ExpectedFiles: 1),
        };
        var configPath = Path.Combine(folder, RunConfig.DefaultFileName);
        Commands.ProjectFiles.WriteConfigWithSchema(config, configPath);

        var jobFile = Path.Combine(folder, "job.json");
        File.WriteAllText(jobFile, JobFileText());
        return new DemoProject(folder, config, jobFile, written);
    }

    private static string JobFileText()
    {
        var groups = SyntheticPlate.Wells()
            .SelectMany(well => Enumerable.Range(1, Sites).Select(site =>
                $"    {{\"Metadata_Plate\": \"{Plate}\", \"Metadata_Well\": \"{well}\", \"Metadata_Site\": \"{site}\"}}"));
        return "{\n" +
               "  \"_comment0\": \"One job per image site, grouped by Plate/Well/Site as Distributed-CellProfiler does\",\n" +
               "  \"input_location\": \"images/" + Plate + "\",\n" +
               "  \"groups\": [\n" + string.Join(",\n", groups) + "\n  ]\n}\n";
    }
}
