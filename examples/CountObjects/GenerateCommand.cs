using System.Globalization;

namespace Fleetbook.Examples.CountObjects;

/// <summary>"generate": writes a synthetic plate, PLATE/WELL_sSITE.pgm for every well and site.</summary>
internal static class GenerateCommand
{
    public static int Run(ReadOnlySpan<string> args, TextWriter stdout)
    {
        var options = CommandLineOptions.Parse("generate", args, "--out", "--plate", "--sites", "--rows", "--columns");
        string outDirectory = options.Require("--out");
        string plate = options.Get("--plate") ?? "Plate1";
        int sites = options.GetInt("--sites", 4, minimum: 1);
        int rows = options.GetInt("--rows", 8, minimum: 1);
        int columns = options.GetInt("--columns", 12, minimum: 1);
        if (rows > 26 || columns > 99)
        {
            throw new UsageException("a plate has at most 26 rows and 99 columns");
        }

        if (plate.Length == 0 || plate.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || plate is "." or "..")
        {
            throw new UsageException($"plate name '{plate}' cannot be used as a directory name");
        }

        string plateDirectory = Path.Combine(outDirectory, plate);
        long bytes = 0;
        int images = 0;
        foreach (string well in SyntheticPlate.Wells(rows, columns))
        {
            for (int site = 1; site <= sites; site++)
            {
                bytes += SyntheticPlate.WriteSite(plateDirectory, plate, well, site);
                images++;
            }
        }

        stdout.WriteLine(string.Create(
            CultureInfo.InvariantCulture, $"Wrote {images} images ({bytes / 1024} KiB) to {plateDirectory}"));
        return ExitCodes.Success;
    }
}
