using System.Text;

namespace Fleetbook.Examples.CountObjects.Tests;

/// <summary>Builds small hand-drawn PGM files from rows of text: '#' is bright, '.' is dark.</summary>
internal static class Pgm
{
    public static byte[] FromAscii(params string[] rows)
    {
        int width = rows[0].Length;
        byte[] header = Encoding.ASCII.GetBytes($"P5\n{width} {rows.Length}\n255\n");
        byte[] pixels = rows.SelectMany(row => row.Select(c => c == '#' ? (byte)200 : (byte)20)).ToArray();
        return [.. header, .. pixels];
    }

    public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);
}
