using Fleetbook.Configuration;
using Fleetbook.Steps;

namespace Fleetbook.Tests.Support;

/// <summary>A local run as a user makes one: the config saved in the folder, opened from the file, set up.</summary>
internal static class SavedConfigRun
{
    public static async Task<FleetRun> SetUpAsync(TempFolder folder, RunConfig config)
    {
        ConfigFile.Save(config, folder.File(RunConfig.DefaultFileName));
        var run = FleetRun.Open(folder.File(RunConfig.DefaultFileName));
        await run.SetupAsync();
        return run;
    }
}
