namespace Fleetbook.Examples.CountObjects;

/// <summary>An 8-bit greyscale image read from a binary (P5) PGM file.</summary>
internal readonly ref struct PgmImage(int width, int height, int maxValue, ReadOnlySpan<byte> pixels)
{
    private const int MaxDimension = 1 << 15;

    public int Width { get; } = width;
    public int Height { get; } = height;
    public int MaxValue { get; } = maxValue;
    public ReadOnlySpan<byte> Pixels { get; } = pixels;

    public static PgmImage Parse(ReadOnlySpan<byte> file)
    {
        if (file.Length < 2 || file[0] != (byte)'P' || file[1] != (byte)'5')
        {
            throw new FormatException("Not a binary PGM image: the file does not start with 'P5'.");
        }

        int position = 2;
        int width = ReadHeaderNumber(file, ref position, "width");
        int height = ReadHeaderNumber(file, ref position, "height");
        int maxValue = ReadHeaderNumber(file, ref position, "maximum grey value");

        if (width < 1 || height < 1 || width > MaxDimension || height > MaxDimension)
        {
            throw new FormatException($"PGM size {width}x{height} is out of range (1 to {MaxDimension} per side).");
        }

        if (maxValue is < 1 or > 255)
        {
            throw new FormatException($"PGM maximum grey value {maxValue} is not supported (1 to 255 only).");
        }

        // Exactly one whitespace byte separates the header from the raster.
        if (position >= file.Length || !IsWhitespace(file[position]))
        {
            throw new FormatException("PGM header is not followed by pixel data.");
        }

        position++;
        int pixelCount = width * height;
        if (file.Length - position < pixelCount)
        {
            throw new FormatException(
                $"PGM pixel data is truncated: expected {pixelCount} bytes for {width}x{height}, found {file.Length - position}.");
        }

        return new PgmImage(width, height, maxValue, file.Slice(position, pixelCount));
    }

    private static int ReadHeaderNumber(ReadOnlySpan<byte> file, ref int position, string field)
    {
        SkipWhitespaceAndComments(file, ref position);

        int start = position;
        long value = 0;
        while (position < file.Length && file[position] is >= (byte)'0' and <= (byte)'9')
        {
            value = Math.Min((value * 10) + (file[position] - '0'), int.MaxValue);
            position++;
        }

        if (position == start)
        {
            throw new FormatException($"PGM header is missing the {field}.");
        }

        if (position < file.Length && !IsWhitespace(file[position]) && file[position] != (byte)'#')
        {
            throw new FormatException($"PGM header has an invalid {field}.");
        }

        return (int)value;
    }

    private static void SkipWhitespaceAndComments(ReadOnlySpan<byte> file, ref int position)
    {
        while (position < file.Length)
        {
            if (IsWhitespace(file[position]))
            {
                position++;
            }
            else if (file[position] == (byte)'#')
            {
                while (position < file.Length && file[position] is not ((byte)'\n' or (byte)'\r'))
                {
                    position++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0B or 0x0C;
}
