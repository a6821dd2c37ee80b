using System.Globalization;
using System.Text;
using Fleetbook.Storage;

namespace Fleetbook.Cli.Demo;

/// <summary>One row of the sample program's counts.csv.</summary>
internal sealed record SiteCount(string Plate, string Well, int Site, int Objects, double MeanArea, double MeanIntensity);

/// <summary>Gathers every job's counts.csv from the bucket into one results.csv.</summary>
internal static class DemoResults
{
    public const string Header = "Plate,Well,Site,Objects,MeanArea,MeanIntensity";

    public static async Task<IReadOnlyList<SiteCount>> CollectAsync(IObjectStore bucket, string resultsCsv, CancellationToken token)
    {
        var rows = new List<SiteCount>();
        await foreach (var item in bucket.ListAsync("results/", token))
        {
            if (!item.Key.EndsWith("/counts.csv", StringComparison.Ordinal))
            {
                continue;
            }

            var text = Encoding.UTF8.GetString(await bucket.GetBytesAsync(item.Key, token) ?? []);
            foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1))
            {
                var cells = line.Split(',');
                if (cells.Length >= 6)
                {
                    rows.Add(new SiteCount(cells[0], cells[1], int.Parse(cells[2], CultureInfo.InvariantCulture), int.Parse(cells[3], CultureInfo.InvariantCulture),
                        double.Parse(cells[4], CultureInfo.InvariantCulture), double.Parse(cells[5], CultureInfo.InvariantCulture)));
                }
            }
        }

        rows.Sort((a, b) => (a.Plate, a.Well, a.Site).CompareTo((b.Plate, b.Well, b.Site)));
        var output = new StringBuilder(Header).Append('\n');
        foreach (var row in rows)
        {
            output.Append(CultureInfo.InvariantCulture, $"{row.Plate},{row.Well},{row.Site},{row.Objects},{row.MeanArea:0.00},{row.MeanIntensity:0.00}\n");
        }

        // The previous results.csv stays until the new one is whole.
        var partial = resultsCsv + ".partial";
        await File.WriteAllTextAsync(partial, output.ToString(), token);
        File.Move(partial, resultsCsv, overwrite: true);
        return rows;
    }
}
