using System.Globalization;
using Fleetbook.Display;

namespace Fleetbook.Charts;

/// <summary>A microplate as a heatmap: rows A, B, … down, columns 1, 2, … across, one value per well.</summary>
public static class PlateMap
{
    /// <summary>
    /// One cell per well of a <paramref name="rows"/> × <paramref name="columns"/> plate (96 wells by default). Wells are
    /// named like "A01", "A1" or "h12"; wells without a value stay blank. Each cell shows its value, and the hover names
    /// the well.
    /// </summary>
    public static Figure Heatmap(IReadOnlyDictionary<string, double> valuesByWell, string title, string valueName, int rows = 8, int columns = 12)
    {
        ArgumentNullException.ThrowIfNull(valuesByWell);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, 26);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);

        var grid = Grid(valuesByWell, rows, columns);
        var rowLabels = Enumerable.Range(0, rows).Select(RowLetter).ToArray();
        var z = Enumerable.Range(0, rows).Select(r => (IReadOnlyList<double?>)Enumerable.Range(0, columns).Select(c => grid[r, c]).ToArray()).ToArray();
        var text = Enumerable.Range(0, rows)
            .Select(r => (IReadOnlyList<string>)Enumerable.Range(0, columns).Select(c => WellName(r, c)).ToArray())
            .ToArray();
        var trace = Trace.Heatmap(z, Values.Labels(Enumerable.Range(1, columns).Select(c => c.ToString(CultureInfo.InvariantCulture))), Values.Labels(rowLabels))
            .WithName(valueName)
            .WithText(text)
            .WithCellTemplate("%{z:.0f}")
            .WithColorBarTitle(valueName)
            .WithHoverTemplate("%{text}: %{z:.1f} " + valueName + "<extra></extra>");
        return new Figure([trace], new Layout
        {
            Title = title,
            XAxis = new Axis { Type = AxisType.Category, Title = "column" },
            YAxis = new Axis { Type = AxisType.Category, Reversed = true, Title = "row" },
            Height = 80 + (rows * 42),
            ShowLegend = false,
        });
    }

    /// <summary>The same plate as a table (rows A, B, …; one column per plate column), readable where scripts do not run.</summary>
    public static TableBlock Table(IReadOnlyDictionary<string, double> valuesByWell, string format = "0.#", int rows = 8, int columns = 12)
    {
        var grid = Grid(valuesByWell, rows, columns);
        var headers = new List<string> { "" };
        headers.AddRange(Enumerable.Range(1, columns).Select(c => c.ToString(CultureInfo.InvariantCulture)));
        var tableRows = Enumerable.Range(0, rows)
            .Select(r => new TableRow([RowLetter(r), .. Enumerable.Range(0, columns).Select(c => grid[r, c]?.ToString(format, CultureInfo.InvariantCulture) ?? "–")]))
            .ToArray();
        return new TableBlock(null, headers, tableRows);
    }

    /// <summary>"A01" for row 0, column 0 (two-digit columns, as plate readers and CellProfiler name them).</summary>
    public static string WellName(int row, int column) => string.Create(CultureInfo.InvariantCulture, $"{RowLetter(row)}{column + 1:00}");

    /// <summary>Reads "A01", "a1" or "H12" as a zero-based row and column.</summary>
    public static bool TryParseWell(string well, out int row, out int column)
    {
        row = column = -1;
        if (string.IsNullOrWhiteSpace(well))
        {
            return false;
        }

        var trimmed = well.Trim();
        var letter = char.ToUpperInvariant(trimmed[0]);
        if (letter is < 'A' or > 'Z' || !int.TryParse(trimmed.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            return false;
        }

        row = letter - 'A';
        column = number - 1;
        return true;
    }

    private static double?[,] Grid(IReadOnlyDictionary<string, double> valuesByWell, int rows, int columns)
    {
        ArgumentNullException.ThrowIfNull(valuesByWell);
        var grid = new double?[rows, columns];
        foreach (var (well, value) in valuesByWell)
        {
            if (TryParseWell(well, out var row, out var column) && row < rows && column < columns)
            {
                grid[row, column] = value;
            }
        }

        return grid;
    }

    private static string RowLetter(int row) => ((char)('A' + row)).ToString();
}
