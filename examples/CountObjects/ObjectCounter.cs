namespace Fleetbook.Examples.CountObjects;

public sealed record CountResult(
    int Objects, double MeanObjectArea, double MeanObjectIntensity, int Threshold, int Width, int Height);

/// <summary>
/// A minimal IdentifyPrimaryObjects: Otsu threshold, then 8-connected components,
/// discarding specks smaller than <see cref="MinObjectArea"/> pixels.
/// </summary>
public static class ObjectCounter
{
    public const int MinObjectArea = 4;

    public static CountResult Count(ReadOnlySpan<byte> pgmFile)
    {
        PgmImage image = PgmImage.Parse(pgmFile);
        ReadOnlySpan<byte> pixels = image.Pixels;
        int width = image.Width;
        int height = image.Height;
        int threshold = OtsuThreshold(pixels);

        var visited = new bool[pixels.Length];
        var stack = new int[pixels.Length];
        int objects = 0;
        long totalArea = 0;
        double totalMeanIntensity = 0;

        for (int seed = 0; seed < pixels.Length; seed++)
        {
            if (visited[seed] || pixels[seed] <= threshold)
            {
                continue;
            }

            // Iterative flood fill: deep recursion would overflow on large objects.
            int area = 0;
            long intensity = 0;
            int top = 0;
            stack[top++] = seed;
            visited[seed] = true;
            while (top > 0)
            {
                int index = stack[--top];
                area++;
                intensity += pixels[index];
                int x = index % width;
                int y = index / width;
                for (int ny = Math.Max(0, y - 1); ny <= Math.Min(height - 1, y + 1); ny++)
                {
                    for (int nx = Math.Max(0, x - 1); nx <= Math.Min(width - 1, x + 1); nx++)
                    {
                        int neighbour = (ny * width) + nx;
                        if (!visited[neighbour] && pixels[neighbour] > threshold)
                        {
                            visited[neighbour] = true;
                            stack[top++] = neighbour;
                        }
                    }
                }
            }

            if (area >= MinObjectArea)
            {
                objects++;
                totalArea += area;
                totalMeanIntensity += (double)intensity / area;
            }
        }

        return objects == 0
            ? new CountResult(0, 0, 0, threshold, width, height)
            : new CountResult(objects, (double)totalArea / objects, totalMeanIntensity / objects, threshold, width, height);
    }

    /// <summary>
    /// Otsu's method: the grey level that maximises between-class variance.
    /// Pixels strictly brighter than the returned level are foreground, so a single-valued
    /// image returns that value and has no foreground at all.
    /// </summary>
    internal static int OtsuThreshold(ReadOnlySpan<byte> pixels)
    {
        Span<long> histogram = stackalloc long[256];
        long weightedSum = 0;
        foreach (byte p in pixels)
        {
            histogram[p]++;
            weightedSum += p;
        }

        long total = pixels.Length;
        long backgroundCount = 0;
        long backgroundSum = 0;
        double bestVariance = -1;
        int bestLevel = 0;

        for (int level = 0; level < 256; level++)
        {
            backgroundCount += histogram[level];
            backgroundSum += histogram[level] * level;
            long foregroundCount = total - backgroundCount;
            if (backgroundCount == 0)
            {
                continue;
            }

            if (foregroundCount == 0)
            {
                break;
            }

            double backgroundMean = (double)backgroundSum / backgroundCount;
            double foregroundMean = (double)(weightedSum - backgroundSum) / foregroundCount;
            double difference = backgroundMean - foregroundMean;
            double variance = (double)backgroundCount * foregroundCount * difference * difference;
            if (variance > bestVariance)
            {
                bestVariance = variance;
                bestLevel = level;
            }
        }

        return bestVariance < 0 ? pixels[0] : bestLevel;
    }
}
