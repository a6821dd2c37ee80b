using Fleetbook.Configuration;
using Fleetbook.Inputs;

namespace Fleetbook.Cli.Commands;

/// <summary>Writes the files of a project folder, refusing to overwrite unless asked.</summary>
internal static class ProjectFiles
{
    /// <summary>Throws (before writing anything) when a file exists and <paramref name="force"/> is off.</summary>
    public static void EnsureWritable(IEnumerable<string> paths, bool force)
    {
        if (force)
        {
            return;
        }

        var existing = paths.Where(File.Exists).ToList();
        if (existing.Count > 0)
        {
            throw new InputException(existing.Select(p => new InputProblem(p, null, null, null, "the file already exists.", "pass --force to overwrite it, or choose another folder.")).ToList());
        }
    }

    public static void WriteConfigWithSchema(RunConfig config, string configPath)
    {
        ConfigFile.Save(config, configPath);
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configPath))!, RunConfig.SchemaFileName), ConfigSchemaDocument.ToJson());
    }
}
