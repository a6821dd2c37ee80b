using System.Globalization;
using System.Text;

namespace Fleetbook.Examples.CountObjects;

/// <summary>
/// Seeded, platform-independent randomness. string.GetHashCode and System.Random's
/// algorithm are not guaranteed stable across processes or runtime versions; these are.
/// </summary>
internal sealed class StableRandom(ulong seed)
{
    private ulong _state = seed;

    public static ulong Hash(string plate, string well, int site) =>
        Hash(string.Create(CultureInfo.InvariantCulture, $"{plate}\0{well}\0{site}"));

    public static ulong Hash(string text)
    {
        // FNV-1a over UTF-8, then a SplitMix64 finaliser so similar names spread apart.
        ulong hash = 14695981039346656037UL;
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return Mix(hash);
    }

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform integer in [0, exclusiveMax).</summary>
    public int NextInt(int exclusiveMax) => (int)(NextUInt64() % (ulong)exclusiveMax);

    /// <summary>Uniform double in [0, 1), built from 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double NextDouble(double min, double max) => min + (NextDouble() * (max - min));

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
