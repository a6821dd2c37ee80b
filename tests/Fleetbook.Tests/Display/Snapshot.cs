using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Fleetbook.Tests.Display;

/// <summary>
/// Compares output with a file under Display/Snapshots in the source tree. A missing snapshot is written and the test
/// fails once, so the first run creates it for review and the next one passes; a different output is written beside
/// the test assembly as <c>*.received.*</c> for diffing.
/// </summary>
public static partial class Snapshot
{
    public static void Match(string name, string actual)
    {
        var normalized = Normalize(actual);
        var path = Path.Combine(Folder(), name);
        if (!File.Exists(path))
        {
            File.WriteAllText(path, normalized);
            Assert.Fail($"Snapshot {name} did not exist, so it was written to {path}. Review it, commit it and run the test again.");
        }

        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected != normalized)
        {
            var received = Path.Combine(AppContext.BaseDirectory, "TestResults", "snapshots", Path.GetFileNameWithoutExtension(name) + ".received" + Path.GetExtension(name));
            Directory.CreateDirectory(Path.GetDirectoryName(received)!);
            File.WriteAllText(received, normalized);
            Assert.Fail($"Output differs from snapshot {path}; it was written to {received}. If the change is intended, copy it over the snapshot.\n" +
                        FirstDifference(expected, normalized));
        }
    }

    /// <summary>Chart element ids are fresh GUIDs per output; number them in order of appearance instead.</summary>
    public static string Normalize(string text)
    {
        text = text.ReplaceLineEndings("\n");
        var ids = new Dictionary<string, string>();
        text = PlotId().Replace(text, m =>
        {
            if (!ids.TryGetValue(m.Value, out var stable))
            {
                stable = "fleetbook-plot-" + ids.Count;
                ids[m.Value] = stable;
            }

            return stable;
        });
        return Version().Replace(text, "by Fleetbook X.Y.Z");
    }

    private static string FirstDifference(string expected, string actual)
    {
        var at = 0;
        while (at < expected.Length && at < actual.Length && expected[at] == actual[at])
        {
            at++;
        }

        string Around(string s) => s.Substring(Math.Max(0, at - 60), Math.Min(s.Length, at + 60) - Math.Max(0, at - 60));
        return $"First difference at character {at}:\n expected: …{Around(expected)}…\n actual:   …{Around(actual)}…";
    }

    private static string Folder([CallerFilePath] string thisFile = "") => Path.Combine(Path.GetDirectoryName(thisFile)!, "Snapshots");

    [GeneratedRegex("fleetbook-plot-[0-9a-f]{32}")]
    private static partial Regex PlotId();

    [GeneratedRegex(@"by Fleetbook \d+\.\d+\.\d+")]
    private static partial Regex Version();
}
