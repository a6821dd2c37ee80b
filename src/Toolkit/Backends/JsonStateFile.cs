using System.Text.Json;

namespace Fleetbook.Backends;

/// <summary>A backend's small JSON state file (a local or Slurm run's fleet.json): read leniently, written whole.</summary>
internal static class JsonStateFile
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The file's state; an empty one when the file is missing or is not the JSON it should be.</summary>
    public static T Read<T>(string path)
        where T : new()
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<T>(File.ReadAllText(path), Json) ?? new T() : new T();
        }
        catch (JsonException)
        {
            return new T();
        }
    }

    /// <summary>Written beside, under a name of this process's own, and moved into place: a reader sees the old state or the new one.</summary>
    public static void Write<T>(string path, T state)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + $".{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(state, Json));
        File.Move(temporary, path, overwrite: true);
    }
}
