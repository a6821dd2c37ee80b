using System.Globalization;

namespace Fleetbook.Inputs;

/// <summary>
/// Reads the files users hand Fleetbook (job files, configs, fleet files) with a ceiling on their size, so that a
/// device such as /dev/zero or a file that is not text ends with a message instead of exhausting memory.
/// </summary>
public static class InputFiles
{
    /// <summary>The largest job file submit reads at once: about two million small jobs.</summary>
    public const long MaxJobFileBytes = 256L * 1024 * 1024;

    /// <summary>The largest config or fleet file Fleetbook reads.</summary>
    public const long MaxSettingsFileBytes = 16L * 1024 * 1024;

    private const int ChunkBytes = 64 * 1024;

    /// <summary>
    /// The bytes of <paramref name="path"/>, read in chunks up to <paramref name="maxBytes"/>. A larger file, or one holding
    /// a NUL byte (which no UTF-8 text holds), is refused with an <see cref="InputException"/> naming it as
    /// <paramref name="displayName"/>; <paramref name="tooLargeFix"/> says what to do about a file that is too large.
    /// Errors opening the file are left to the caller, which knows what the file was for.
    /// </summary>
    public static byte[] ReadText(string path, string displayName, long maxBytes, string tooLargeFix) =>
        Read(path, displayName, maxBytes, tooLargeFix, keep: true);

    private static byte[] Read(string path, string displayName, long maxBytes, string tooLargeFix, bool keep)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, FileOptions.SequentialScan);
        using var content = keep ? new MemoryStream() : null;
        var chunk = new byte[ChunkBytes];
        long total = 0;
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            var nul = chunk.AsSpan(0, read).IndexOf((byte)0);
            if (nul >= 0)
            {
                throw new InputException(new InputProblem(displayName, null, null, null,
                    $"byte {(total + nul + 1).ToString("N0", CultureInfo.InvariantCulture)} of the file is NUL (0x00), so it is not UTF-8 text (a UTF-16 file, a binary file or a device such as /dev/zero).",
                    "give a text file saved as UTF-8."));
            }

            total += read;
            if (total > maxBytes)
            {
                throw new InputException(TooLarge(displayName, maxBytes, tooLargeFix));
            }

            content?.Write(chunk, 0, read);
        }

        return content?.ToArray() ?? [];
    }

    /// <summary>
    /// Checks <paramref name="path"/> as <see cref="ReadText"/> does (its size, no NUL byte) without keeping its bytes, for a
    /// file read again in pieces afterwards.
    /// </summary>
    public static void CheckText(string path, string displayName, long maxBytes, string tooLargeFix) =>
        Read(path, displayName, maxBytes, tooLargeFix, keep: false);

    /// <summary>The problem of a file larger than <paramref name="maxBytes"/>.</summary>
    public static InputProblem TooLarge(string displayName, long maxBytes, string tooLargeFix) =>
        new(displayName, null, null, null, $"the file is larger than {Size(maxBytes)}, the most Fleetbook reads at once; nothing was read from it.", tooLargeFix);

    private static string Size(long bytes) => bytes % (1024 * 1024) == 0
        ? (bytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + " MiB"
        : bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes";
}
