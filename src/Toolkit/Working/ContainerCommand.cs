namespace Fleetbook.Working;

/// <summary>
/// Runs a job's command inside an Apptainer (or Singularity) image: <c>apptainer exec --bind DIR … IMAGE command…</c>.
/// The folders the job reads and writes are bound at the same paths inside, so the placeholders ({input_dir},
/// {output_dir}, the bucket) mean the same in the image as outside. Apptainer passes the environment through.
/// </summary>
public static class ContainerCommand
{
    /// <summary>The argument vector that runs <paramref name="arguments"/> in <paramref name="image"/> with <paramref name="runtime"/>.</summary>
    public static IReadOnlyList<string> Wrap(string runtime, string image, IEnumerable<string> binds, IReadOnlyList<string> arguments)
    {
        var command = new List<string> { runtime, "exec" };
        foreach (var folder in binds.Distinct(StringComparer.Ordinal))
        {
            command.Add("--bind");
            command.Add(folder);
        }

        command.Add(image);
        command.AddRange(arguments);
        return command;
    }

    /// <summary>The folders a job may touch besides its own work folder: the project, the bucket and the run's state folder.</summary>
    public static IReadOnlyList<string> Binds(params string[] folders) =>
        [.. folders.Where(f => f.Length > 0).Select(f => Path.TrimEndingDirectorySeparator(Path.GetFullPath(f))).Distinct(StringComparer.Ordinal)];
}

/// <summary>Finds a container runtime: apptainer first, then singularity (its older name), on PATH.</summary>
public static class ContainerRuntimes
{
    public static readonly IReadOnlyList<string> Names = ["apptainer", "singularity"];

    /// <summary>The runtime's full path, or null when neither is on <paramref name="path"/>.</summary>
    public static string? Find(string? path) =>
        Names.SelectMany(name => (path ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(folder => Path.Combine(folder, name)))
            .FirstOrDefault(File.Exists);
}
