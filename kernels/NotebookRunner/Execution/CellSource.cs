using System.Text;
using System.Text.RegularExpressions;
using Fleetbook.Notebooks.Ipynb;

namespace Fleetbook.Notebooks.Execution;

/// <summary>A cell's code ready for its language, or the reasons it cannot run.</summary>
internal sealed record PreparedCode(string Code, IReadOnlyList<string> Problems)
{
    public bool CanRun => Problems.Count == 0;
}

/// <summary>
/// Rewrites what only .NET Interactive understands: <c>#!</c> kernel switches and <c>#!time</c> become blank lines (so line
/// numbers in errors still match the cell), <c>#r "nuget: Fleetbook"</c> becomes a <c>#r</c> of the local build.
/// </summary>
internal static partial class CellSource
{
    private static readonly HashSet<string> IgnoredMagics = new(StringComparer.OrdinalIgnoreCase) { "time" };

    public static PreparedCode Prepare(string source, CellLanguage language, LocalPackages packages)
    {
        var problems = new List<string>();
        var code = new StringBuilder();
        var lines = source.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var rewritten = Rewrite(line, i + 1, language, packages, problems);
            code.Append(rewritten);
            if (i < lines.Length - 1)
            {
                code.Append('\n');
            }
        }

        return new PreparedCode(code.ToString(), problems);
    }

    private static string Rewrite(string line, int number, CellLanguage language, LocalPackages packages, List<string> problems)
    {
        var trimmed = line.Trim();
        if (trimmed.StartsWith("#!", StringComparison.Ordinal))
        {
            var name = MagicLine.Name(trimmed);
            if (MagicLine.KernelName(trimmed) is null && !IgnoredMagics.Contains(name))
            {
                problems.Add($"line {number}: the magic command #!{name} needs .NET Interactive; fleetbook-notebook understands only #!csharp, #!fsharp, #!html, #!markdown and #!time.");
            }

            return "";
        }

        if (PackageSource().IsMatch(trimmed))
        {
            // F# Interactive reads package sources itself; C# has no package manager here, so the line means nothing.
            return language == CellLanguage.FSharp ? line : "";
        }

        var package = PackageReference().Match(trimmed);
        if (!package.Success)
        {
            return line;
        }

        var id = package.Groups["id"].Value;
        var isFleetbook = id.Equals(FleetbookLibrary.PackageId, StringComparison.OrdinalIgnoreCase);
        if (language == CellLanguage.FSharp && !isFleetbook)
        {
            return line; // dotnet fsi restores other packages itself, from the machine's NuGet feeds.
        }

        if (packages.Find(id) is not { } assembly)
        {
            problems.Add($"line {number}: #r \"nuget: {id}\" cannot be resolved: fleetbook-notebook does not download packages. "
                + $"Only Fleetbook (the local build, {packages.Fleetbook.Path}) and packages whose assembly is already present (the .NET framework's, Fleetbook's own dependencies) can be referenced; "
                + $"reference a local file with #r \"path/to/{id}.dll\" instead.");
            return "";
        }

        if (!File.Exists(assembly))
        {
            problems.Add($"line {number}: #r \"nuget: {id}\" maps to {assembly} (from {packages.Fleetbook.Origin}), which does not exist; build src/Toolkit, or pass --fleetbook PATH or set {FleetbookLibrary.Variable}.");
            return "";
        }

        return language == CellLanguage.FSharp ? $"#r @\"{assembly}\"" : $"#r \"{assembly}\"";
    }

    [GeneratedRegex("""^#r\s+"nuget:\s*(?<id>[^,"\s]+)\s*(,\s*(?<version>[^"]*?))?\s*"\s*(//.*)?$""", RegexOptions.IgnoreCase)]
    private static partial Regex PackageReference();

    [GeneratedRegex("""^#i\s+"nuget:""", RegexOptions.IgnoreCase)]
    private static partial Regex PackageSource();
}
