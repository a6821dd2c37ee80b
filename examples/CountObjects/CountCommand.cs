using System.Globalization;
using System.Text;

namespace Fleetbook.Examples.CountObjects;

/// <summary>"count": one job of the demo pipeline, one image in, one counts.csv row out.</summary>
internal static class CountCommand
{
    public const string CsvFileName = "counts.csv";
    public const string CsvHeader = "Plate,Well,Site,Objects,MeanArea,MeanIntensity";

    public static int Run(ReadOnlySpan<string> args, TextWriter stdout, TextWriter stderr)
    {
        var options = CommandLineOptions.Parse(
            "count", args, "--image", "--out", "--plate", "--well", "--site", "--fail-if-well", "--sleep-ms");
        string imagePath = options.Require("--image");
        string outDirectory = options.Require("--out");
        int sleepMs = options.GetInt("--sleep-ms", 0, minimum: 0);
        if (!File.Exists(imagePath))
        {
            throw new UsageException($"image file not found: {imagePath}");
        }

        (string inferredPlate, string inferredWell, int inferredSite) = InferSite(imagePath);
        string plate = options.Get("--plate") ?? inferredPlate;
        string well = options.Get("--well") ?? inferredWell;
        int site = options.GetInt("--site", inferredSite, minimum: 0);

        if (sleepMs > 0)
        {
            Thread.Sleep(sleepMs);
        }

        if (options.Get("--fail-if-well") is { } failingWell && string.Equals(well, failingWell, StringComparison.OrdinalIgnoreCase))
        {
            stderr.WriteLine($"CountObjects: deliberate failure for well {well} (--fail-if-well {failingWell})");
            return ExitCodes.DeliberateFailure;
        }

        CountResult result;
        try
        {
            result = ObjectCounter.Count(File.ReadAllBytes(imagePath));
            WriteCsv(outDirectory, plate, well, site, result);
        }
        catch (FormatException e)
        {
            stderr.WriteLine($"CountObjects: cannot read image {imagePath}: {e.Message}");
            return ExitCodes.Failed;
        }

        stdout.WriteLine(string.Create(
            CultureInfo.InvariantCulture, $"{plate} {well} s{site}: {result.Objects} objects (threshold {result.Threshold})"));
        return ExitCodes.Success;
    }

    /// <summary>Defaults from the layout "generate" writes: PLATE/WELL_sSITE.pgm.</summary>
    private static (string Plate, string Well, int Site) InferSite(string imagePath)
    {
        string plate = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(imagePath))) ?? "";
        string name = Path.GetFileNameWithoutExtension(imagePath);
        int marker = name.LastIndexOf("_s", StringComparison.Ordinal);
        return marker > 0 && int.TryParse(name.AsSpan(marker + 2), NumberStyles.None, CultureInfo.InvariantCulture, out int site)
            ? (plate, name[..marker], site)
            : (plate, name, 1);
    }

    private static void WriteCsv(string directory, string plate, string well, int site, CountResult result)
    {
        var csv = new StringBuilder()
            .Append(CsvHeader).Append('\n')
            .Append(CultureInfo.InvariantCulture,
                $"{CsvField(plate)},{CsvField(well)},{site},{result.Objects},{result.MeanObjectArea:F2},{result.MeanObjectIntensity:F2}\n");

        // Write then rename, so a job killed mid-write never leaves a half-written counts.csv.
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, CsvFileName);
        string partial = path + ".partial";
        File.WriteAllText(partial, csv.ToString());
        File.Move(partial, path, overwrite: true);
    }

    private static string CsvField(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
