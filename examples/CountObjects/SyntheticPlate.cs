using System.Globalization;
using System.Text;

namespace Fleetbook.Examples.CountObjects;

/// <summary>
/// A deterministic fake screening plate: per-site object counts with a visible plate pattern,
/// and PGM fluorescence images that contain exactly that many well-separated bright objects.
/// </summary>
public static class SyntheticPlate
{
    public const double MinRadius = 2.5;
    public const double MaxRadius = 4.0;

    // A blob's soft edge reaches radius + 1, and 8-connectivity bridges a one-pixel diagonal gap,
    // so centres 2 * (MaxRadius + 1) + 2 apart can never merge into one component.
    public const double MinCentreDistance = (2 * MaxRadius) + 4;

    private const int GradientRows = 8;
    private const int GradientColumns = 12;
    private const int HitWellsPerPlate = 3;

    public static IReadOnlyList<string> Wells(int rows = 8, int columns = 12)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, 26);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(columns, 99);

        var wells = new string[rows * columns];
        for (int row = 0; row < rows; row++)
        {
            for (int column = 0; column < columns; column++)
            {
                wells[(row * columns) + column] = string.Create(
                    CultureInfo.InvariantCulture, $"{(char)('A' + row)}{column + 1:D2}");
            }
        }

        return wells;
    }

    public static string SiteFileName(string well, int site) =>
        string.Create(CultureInfo.InvariantCulture, $"{well}_s{site}.pgm");

    /// <summary>
    /// Between 5 and 40: a diagonal gradient from A01 (few cells) to H12 (many), a little
    /// per-site jitter, and a few plate-specific "hit" wells that are far denser.
    /// </summary>
    public static int ExpectedObjectCount(string plate, string well, int site)
    {
        ArgumentNullException.ThrowIfNull(plate);
        ArgumentNullException.ThrowIfNull(well);

        ulong siteHash = StableRandom.Hash(plate, well, site);
        if (!TryParseWell(well, out int row, out int column))
        {
            return 5 + (int)(siteHash % 25);
        }

        if (IsHitWell(plate, row, column))
        {
            return 32 + (int)(siteHash % 9);
        }

        int gradient = 6
            + (Math.Min(column, GradientColumns - 1) * 15 / (GradientColumns - 1))
            + (Math.Min(row, GradientRows - 1) * 6 / (GradientRows - 1));
        int jitter = (int)(siteHash % 5) - 2;
        return Math.Clamp(gradient + jitter, 5, 40);
    }

    /// <summary>
    /// A binary PGM of <see cref="ExpectedObjectCount"/> bright, non-touching blobs on a dark noisy
    /// background. Throws <see cref="ArgumentException"/> if the image is too small to hold them.
    /// </summary>
    public static byte[] RenderSite(string plate, string well, int site, int width = 128, int height = 128)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 16);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, 4096);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, 4096);

        int count = ExpectedObjectCount(plate, well, site);
        var random = new StableRandom(StableRandom.Hash(plate, well, site));
        var signal = new double[width * height];

        foreach (Blob blob in PlaceBlobs(random, count, width, height))
        {
            DrawBlob(signal, width, height, blob);
        }

        byte[] header = Encoding.ASCII.GetBytes(string.Create(
            CultureInfo.InvariantCulture, $"P5\n# Fleetbook synthetic site\n{width} {height}\n255\n"));
        var file = new byte[header.Length + signal.Length];
        header.CopyTo(file, 0);

        for (int i = 0; i < signal.Length; i++)
        {
            // Sum of three uniforms: a dark, roughly bell-shaped camera background of 14..32.
            double background = 14 + (6 * (random.NextDouble() + random.NextDouble() + random.NextDouble()));
            file[header.Length + i] = (byte)Math.Clamp((int)(background + signal[i] + 0.5), 0, 255);
        }

        return file;
    }

    public static int WriteSite(string directory, string plate, string well, int site)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentException.ThrowIfNullOrEmpty(well);
        if (well.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || well.Contains('/') || well.Contains('\\'))
        {
            throw new ArgumentException($"Well name '{well}' cannot be used in a file name.", nameof(well));
        }

        byte[] image = RenderSite(plate, well, site);
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, SiteFileName(well, site)), image);
        return image.Length;
    }

    private readonly record struct Blob(double X, double Y, double Radius, double Peak);

    private static List<Blob> PlaceBlobs(StableRandom random, int count, int width, int height)
    {
        const int MaxAttemptsPerBlob = 10_000;
        double margin = MaxRadius + 2;
        var blobs = new List<Blob>(count);

        for (int attempts = 0; blobs.Count < count; attempts++)
        {
            if (attempts > MaxAttemptsPerBlob * count)
            {
                throw new ArgumentException(
                    $"A {width}x{height} image is too small to hold {count} non-touching objects.");
            }

            double x = random.NextDouble(margin, width - 1 - margin);
            double y = random.NextDouble(margin, height - 1 - margin);
            if (blobs.TrueForAll(b => DistanceSquared(b.X, b.Y, x, y) >= MinCentreDistance * MinCentreDistance))
            {
                blobs.Add(new Blob(x, y, random.NextDouble(MinRadius, MaxRadius), random.NextDouble(110, 220)));
            }
        }

        return blobs;
    }

    /// <summary>
    /// A flat-ish disc with a slightly brighter centre and a smoothstep edge from radius - 1 to
    /// radius + 1. Only +, *, / and sqrt are used so every platform rounds identically.
    /// </summary>
    private static void DrawBlob(double[] signal, int width, int height, Blob blob)
    {
        double reach = blob.Radius + 1;
        int left = Math.Max(0, (int)(blob.X - reach));
        int right = Math.Min(width - 1, (int)(blob.X + reach) + 1);
        int top = Math.Max(0, (int)(blob.Y - reach));
        int bottom = Math.Min(height - 1, (int)(blob.Y + reach) + 1);

        for (int y = top; y <= bottom; y++)
        {
            for (int x = left; x <= right; x++)
            {
                double distance = Math.Sqrt(DistanceSquared(blob.X, blob.Y, x, y));
                if (distance >= reach)
                {
                    continue;
                }

                double edge = Math.Min(1, (reach - distance) / 2);
                double weight = edge * edge * (3 - (2 * edge));
                double dome = 1 - (0.25 * (distance / reach) * (distance / reach));
                signal[(y * width) + x] += blob.Peak * weight * dome;
            }
        }
    }

    private static double DistanceSquared(double x1, double y1, double x2, double y2) =>
        ((x1 - x2) * (x1 - x2)) + ((y1 - y2) * (y1 - y2));

    private static bool IsHitWell(string plate, int row, int column)
    {
        if (row >= GradientRows || column >= GradientColumns)
        {
            return false;
        }

        int index = (row * GradientColumns) + column;
        for (int k = 0; k < HitWellsPerPlate; k++)
        {
            ulong pick = StableRandom.Hash(string.Create(CultureInfo.InvariantCulture, $"{plate}\0hit\0{k}"));
            if ((int)(pick % (GradientRows * GradientColumns)) == index)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Parses "B07" into zero-based row 1 and column 6.</summary>
    private static bool TryParseWell(string well, out int row, out int column)
    {
        row = 0;
        column = 0;
        if (well.Length < 2 || !char.IsAsciiLetter(well[0]))
        {
            return false;
        }

        row = char.ToUpperInvariant(well[0]) - 'A';
        if (!int.TryParse(well.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number < 1)
        {
            return false;
        }

        column = number - 1;
        return true;
    }
}
