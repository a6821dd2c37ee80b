using System.Text.Json.Nodes;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Kernels;

/// <summary>CI's notebook run: every walkthrough under notebooks/ runs to the end with fleetbook-notebook.</summary>
public sealed class RepositoryNotebookTests
{
    private static readonly TimeSpan CellTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Every_notebook_in_the_repository_runs_to_the_end()
    {
        // Arrange
        using var folder = new TempFolder("nb-repository");
        var notebooks = RepositoryNotebooks().Where(n => !SkippedInCi(n)).ToList();
        var failures = new List<string>();

        // Act
        foreach (var notebook in notebooks)
        {
            var name = Path.GetFileNameWithoutExtension(notebook);
            var outcome = await NotebookRunnerProcess.RunAsync(
                "run", notebook, "--output", folder.File(name + ".executed.ipynb"), "--html", folder.File(name + ".html"),
                "--timeout", CellTimeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (outcome.ExitCode != 0)
            {
                failures.Add($"{notebook} (exit {outcome.ExitCode}):\n{outcome.Error}");
            }
        }

        // Assert
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    /// <summary>The .ipynb files under notebooks/ (executed copies excluded); none yet is fine.</summary>
    public static IReadOnlyList<string> RepositoryNotebooks()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Fleetbook.slnx")))
        {
            root = root.Parent;
        }

        var notebooks = root is null ? null : Path.Combine(root.FullName, "notebooks");
        return notebooks is null || !Directory.Exists(notebooks)
            ? []
            : [.. Directory.EnumerateFiles(notebooks, "*.ipynb", SearchOption.AllDirectories)
                .Where(p => !p.EndsWith(".executed.ipynb", StringComparison.Ordinal) && !p.Contains(".ipynb_checkpoints", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// A notebook that needs what CI lacks opts out with <c>"metadata": {"fleetbook": {"ci": "skip"}}</c>; one marked
    /// <c>"aws-emulators"</c> needs AWS and runs in its own test against the emulators (Aws/Run/AwsWalkthroughNotebookTests).
    /// </summary>
    public static string? CiMode(string notebook) =>
        (string?)JsonNode.Parse(File.ReadAllText(notebook))?["metadata"]?["fleetbook"]?["ci"];

    private static bool SkippedInCi(string notebook) => CiMode(notebook) is "skip" or "aws-emulators";
}
