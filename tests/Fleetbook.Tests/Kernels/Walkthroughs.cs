using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Fleetbook.Tests.Reports;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Kernels;

/// <summary>
/// The walkthroughs under notebooks/, each run by the real kernel at most once per test run and host, and shared by
/// every test that looks at that run: a kernel start and a local run cost seconds each, and the suite runs serially.
/// Fleetbook comes from the packed feed (the notebooks keep their own <c>#r "nuget: Fleetbook"</c>) and the worker from
/// the package (no FLEETBOOK_WORKER). The runs' folders are removed when the test process exits.
/// </summary>
public static class Walkthroughs
{
    public const string Quickstart = "01-quickstart-local.ipynb";

    private static readonly TimeSpan CellTimeout = TimeSpan.FromMinutes(5);

    private static readonly ConcurrentDictionary<(string Host, string Name), Lazy<Task<NotebookRun>>> Runs = new();

    private static readonly ConcurrentBag<string> Folders = [];

    private static readonly ConcurrentDictionary<string, string> HtmlExports = new();

    static Walkthroughs()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var folder in Folders)
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                }
            }
        };
    }

    /// <summary>The .ipynb files under notebooks/ (executed copies excluded), in name order; none when the repository is not above the tests.</summary>
    public static IReadOnlyList<string> All()
    {
        var notebooks = Repository.Root is null ? null : Repository.Path("notebooks");
        return notebooks is null || !Directory.Exists(notebooks)
            ? []
            : [.. Directory.EnumerateFiles(notebooks, "*.ipynb", SearchOption.AllDirectories)
                .Where(p => !p.EndsWith(".executed.ipynb", StringComparison.Ordinal) && !p.Contains(".ipynb_checkpoints", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// How CI runs a notebook, from <c>"metadata": {"fleetbook": {"ci": …}}</c>: absent for a local walkthrough,
    /// <c>"aws-emulators"</c> for one that needs AWS (Aws/Run/AwsWalkthroughNotebookTests runs it against the emulators),
    /// <c>"slurm"</c> for one that needs a Slurm cluster (Slurm/SlurmWalkthroughNotebookTests runs it in Jupyter on CI's one-node cluster).
    /// </summary>
    public static string? CiMode(string notebook) =>
        (string?)JsonNode.Parse(File.ReadAllText(notebook))?["metadata"]?["fleetbook"]?["ci"];

    /// <summary>The file names of the walkthroughs that run on the local backend, for theories.</summary>
    public static TheoryData<string> Local()
    {
        var data = new TheoryData<string>();
        foreach (var notebook in All().Where(n => CiMode(n) is null))
        {
            data.Add(Path.GetFileName(notebook));
        }

        return data;
    }

    public static string PathOf(string name) => All().Single(n => Path.GetFileName(n) == name);

    /// <summary>
    /// <c>jupyter nbconvert --execute</c> of a copy in an empty folder outside the repository, the packed feed's
    /// <c>#i</c> line put in front of its first code cell (the only change).
    /// </summary>
    public static Task<NotebookRun> InJupyterAsync(string name) => Once("jupyter", name, async () =>
    {
        var (copy, environment) = await CopyOutsideTheRepositoryAsync(name, "nb-jupyter");
        return await RealKernel.RunJupyterAsync(copy, environment, CellTimeout);
    });

    /// <summary>
    /// fleetbook-notebook on the notebook where it is, the feed given with <c>--nuget-source</c>; the executed
    /// notebook, the event stream and the HTML export (plotly.js inlined when the test cache has it) in the run's folder.
    /// </summary>
    public static Task<NotebookRun> ThroughFleetbookNotebookAsync(string name) => Once("stdio", name, async () =>
    {
        var packed = await PackedFleetbook.GetAsync();
        var html = Path.Combine(Path.GetTempPath(), "fleetbook-tests", $"nb-html-{Guid.NewGuid().ToString("N")[..10]}", Path.ChangeExtension(name, ".html"));
        Directory.CreateDirectory(Path.GetDirectoryName(html)!);
        Folders.Add(Path.GetDirectoryName(html)!);
        HtmlExports[name] = html;
        string[] plotly = File.Exists(PlotlyCache.File) ? ["--plotly-js", PlotlyCache.File] : [];
        return await RealKernel.RunStdioAsync(
            PathOf(name),
            ["--nuget-source", packed.Feed, "--timeout", CellTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture), "--html", html, .. plotly],
            UserEnvironment(packed));
    });

    /// <summary>The HTML page <see cref="ThroughFleetbookNotebookAsync"/> exported for <paramref name="name"/>.</summary>
    public static string HtmlExportOf(string name) => HtmlExports[name];

    /// <summary><c>dotnet repl --run</c> of a copy in an empty folder outside the repository, as for Jupyter.</summary>
    public static Task<NotebookRun> InDotnetReplAsync(string name) => Once("repl", name, async () =>
    {
        var (copy, environment) = await CopyOutsideTheRepositoryAsync(name, "nb-repl");
        return await RealKernel.RunReplAsync(copy, environment);
    });

    /// <summary>The packed feed's restore settings, and no FLEETBOOK_WORKER: the worker must come from the package.</summary>
    public static Dictionary<string, string> UserEnvironment(PackedFleetbook packed) =>
        new(packed.Environment) { ["FLEETBOOK_WORKER"] = "" };

    private static async Task<(string Copy, Dictionary<string, string> Environment)> CopyOutsideTheRepositoryAsync(string name, string prefix)
    {
        var packed = await PackedFleetbook.GetAsync();
        var folder = Path.Combine(Path.GetTempPath(), "fleetbook-tests", $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}");
        Directory.CreateDirectory(folder);
        Folders.Add(folder);
        return (NotebookCopy.WithLineInFront(PathOf(name), folder, packed.SourceDirective), UserEnvironment(packed));
    }

    private static Task<NotebookRun> Once(string host, string name, Func<Task<NotebookRun>> run) =>
        Runs.GetOrAdd((host, name), _ => new Lazy<Task<NotebookRun>>(async () =>
        {
            var done = await run();
            Folders.Add(done.Folder);
            return done;
        })).Value;
}
