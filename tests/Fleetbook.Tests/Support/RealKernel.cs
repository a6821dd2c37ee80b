using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Fleetbook.Tests.Support;

/// <summary>What one host made of a notebook: the executed notebook, the stdio events (fleetbook-notebook only), and why it failed.</summary>
public sealed record NotebookRun(
    string Host,
    string Notebook,
    CliOutcome Outcome,
    ExecutedNotebook? Executed,
    IReadOnlyList<JsonObject> Events,
    IReadOnlyList<string> LeftBehind,
    TimeSpan Elapsed,
    string Folder) : IDisposable
{
    /// <summary>Null when every cell ran; else the notebook, the cell (number and first line) and the error, as the host said them.</summary>
    public string? Failure { get; init; }

    public bool Succeeded => Failure is null;

    /// <summary>Where the host wrote the executed notebook (in <see cref="Folder"/>).</summary>
    public string ExecutedPath => Path.Combine(Folder, Path.GetFileNameWithoutExtension(Notebook) + ".executed.ipynb");

    /// <summary>Removes the run's folder.</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>
/// Notebooks run by the real .NET Interactive kernel, in the three ways users run them headless: Jupyter's
/// <c>nbconvert --execute</c> (with a kernelspec of the test's own, on a loopback port it chose), fleetbook-notebook
/// (the stdio protocol VS Code speaks), and <c>dotnet repl --run</c>. Each run has a temporary folder of its own (for
/// the executed notebook, Jupyter's folders, the event stream) that the caller removes; every process a run started is
/// ended before the run returns.
/// </summary>
public static partial class RealKernel
{
    /// <summary>How long a marked process (a worker a notebook started) may take to end by itself after its host exited.</summary>
    private static readonly TimeSpan LeftoverGrace = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan DefaultCellTimeout = TimeSpan.FromMinutes(5);

    /// <summary>What every host run gets, under the caller's environment: no telemetry, no first-run banner.</summary>
    public static IReadOnlyDictionary<string, string> Quiet { get; } = new Dictionary<string, string>
    {
        ["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
    };

    /// <summary>fleetbook-notebook, copied beside the tests by the project reference.</summary>
    public static string RunnerDll => Path.Combine(AppContext.BaseDirectory, "fleetbook-notebook.dll");

    /// <summary>
    /// <c>jupyter nbconvert --to notebook --execute</c>: the kernel starts in the notebook's folder, as in Jupyter.
    /// <paramref name="environment"/> is the kernelspec's <c>env</c>; the kernel binds its HTTP API to loopback only.
    /// </summary>
    public static async Task<NotebookRun> RunJupyterAsync(string notebook, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? cellTimeout = null)
    {
        var folder = NewFolder("jupyter");
        var kernelName = "fleetbook-test-" + NotebookCopy.Language(notebook);
        var jupyterPath = Path.Combine(folder, "jupyter-path");
        var kernelSpec = Path.Combine(jupyterPath, "kernels", kernelName);
        Directory.CreateDirectory(kernelSpec);
        var marks = new MarkedProcesses();
        var kernelEnvironment = new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { [marks.Environment.Key] = marks.Environment.Value };
        var port = FreeLoopbackPort();
        await File.WriteAllTextAsync(Path.Combine(kernelSpec, "kernel.json"), new JsonObject
        {
            ["argv"] = new JsonArray(Interactive(), "jupyter", "--default-kernel", NotebookCopy.Language(notebook), "{connection_file}", "--http-local-only", "--http-port-range", $"{port}-{port}"),
            ["display_name"] = $".NET ({NotebookCopy.Language(notebook)}, Fleetbook tests)",
            ["language"] = NotebookCopy.Language(notebook) == "fsharp" ? "F#" : "C#",
            ["env"] = new JsonObject([.. kernelEnvironment.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value))]),
        }.ToJsonString());

        var jupyterEnvironment = new Dictionary<string, string>(kernelEnvironment)
        {
            ["JUPYTER_PATH"] = jupyterPath,
            ["JUPYTER_DATA_DIR"] = Folder(folder, "data"),
            ["JUPYTER_RUNTIME_DIR"] = Folder(folder, "runtime"),
            ["JUPYTER_CONFIG_DIR"] = Folder(folder, "config"),
            ["IPYTHONDIR"] = Folder(folder, "ipython"),
            ["JUPYTER_PLATFORM_DIRS"] = "1",
        };
        var output = Path.Combine(folder, Path.GetFileNameWithoutExtension(notebook) + ".executed.ipynb");
        var timeout = (int)(cellTimeout ?? DefaultCellTimeout).TotalSeconds;
        var watch = Stopwatch.StartNew();
        var outcome = await RunMarkedAsync(marks, KernelTools.Jupyter,
            [
                "nbconvert", "--to", "notebook", "--execute", notebook, "--output-dir", folder, "--output", Path.GetFileName(output),
                $"--ExecutePreprocessor.timeout={timeout}", "--ExecutePreprocessor.startup_timeout=180", $"--ExecutePreprocessor.kernel_name={kernelName}",
            ],
            jupyterEnvironment, Path.GetDirectoryName(notebook)!);
        var executed = outcome.Result.ExitCode == 0 && File.Exists(output) ? ExecutedNotebook.Load(output) : null;
        return new NotebookRun("Jupyter", notebook, outcome.Result, executed, [], outcome.LeftBehind, watch.Elapsed, folder)
        {
            Failure = executed is not null ? null : JupyterFailure(notebook, outcome.Result),
        };
    }

    /// <summary>
    /// <c>fleetbook-notebook run NOTEBOOK</c> with the executed notebook and the stdio event stream written to the run's
    /// folder; <paramref name="options"/> go after them (<c>--nuget-source</c>, <c>--timeout</c>, <c>--html</c> …).
    /// </summary>
    /// <param name="workingDirectory">Where the runner starts (default: the notebook's folder).</param>
    public static async Task<NotebookRun> RunStdioAsync(
        string notebook, IEnumerable<string>? options = null, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var folder = NewFolder("stdio");
        var output = Path.Combine(folder, Path.GetFileNameWithoutExtension(notebook) + ".executed.ipynb");
        var events = Path.Combine(folder, "events.jsonl");
        var marks = new MarkedProcesses();
        var watch = Stopwatch.StartNew();
        var outcome = await RunMarkedAsync(marks, ChildProcess.DotnetHost(),
            [RunnerDll, "run", notebook, "--output", output, "--events", events, "--kernel", Interactive(), .. options ?? []],
            new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { [marks.Environment.Key] = marks.Environment.Value },
            workingDirectory ?? Path.GetDirectoryName(Path.GetFullPath(notebook))!);
        var executed = File.Exists(output) ? ExecutedNotebook.Load(output) : null;
        var stream = File.Exists(events)
            ? (IReadOnlyList<JsonObject>)[.. File.ReadLines(events).Select(l => (JsonObject)JsonNode.Parse(l)!)]
            : [];
        return new NotebookRun("fleetbook-notebook", notebook, outcome.Result, executed, stream, outcome.LeftBehind, watch.Elapsed, folder)
        {
            Failure = outcome.Result.ExitCode == 0 ? null : $"fleetbook-notebook exited {outcome.Result.ExitCode}:\n{outcome.Result.Error}",
        };
    }

    /// <summary><c>dotnet repl --run NOTEBOOK --exit-after-run</c> in the notebook's folder (dotnet-repl's working folder is the shell's).</summary>
    public static async Task<NotebookRun> RunReplAsync(string notebook, IReadOnlyDictionary<string, string>? environment = null)
    {
        var folder = NewFolder("repl");
        var output = Path.Combine(folder, Path.GetFileNameWithoutExtension(notebook) + ".executed.ipynb");
        var marks = new MarkedProcesses();
        var watch = Stopwatch.StartNew();
        var outcome = await RunMarkedAsync(marks, KernelTools.Repl ?? throw new InvalidOperationException(KernelTools.MissingRepl),
            ["--run", notebook, "--exit-after-run", "--output-path", output],
            new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { [marks.Environment.Key] = marks.Environment.Value },
            Path.GetDirectoryName(notebook)!);
        var executed = File.Exists(output) ? ExecutedNotebook.Load(output) : null;
        return new NotebookRun("dotnet-repl", notebook, outcome.Result, executed, [], outcome.LeftBehind, watch.Elapsed, folder)
        {
            Failure = outcome.Result.ExitCode == 0 ? null : $"dotnet repl exited {outcome.Result.ExitCode}: {FirstError(notebook, executed) ?? outcome.Result.All}",
        };
    }

    /// <summary>The first error output of <paramref name="executed"/>, with the cell's number and first line.</summary>
    public static string? FirstError(string notebook, ExecutedNotebook? executed)
    {
        foreach (var cell in executed?.CodeCells ?? [])
        {
            if (executed!.Outputs(cell, "error").FirstOrDefault() is { } error)
            {
                return $"{Path.GetFileName(notebook)}: cell {cell + 1} `{FirstLine(executed.Source(cell))}`: {(string?)error["ename"]}: {(string?)error["evalue"]}";
            }
        }

        return null;
    }

    private static string Interactive() => KernelTools.Interactive ?? throw new InvalidOperationException(KernelTools.MissingInteractive);

    private static async Task<(CliOutcome Result, IReadOnlyList<string> LeftBehind)> RunMarkedAsync(
        MarkedProcesses marks, string program, string[] args, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        try
        {
            var quietFirst = new Dictionary<string, string>(Quiet);
            foreach (var (name, value) in environment)
            {
                quietFirst[name] = value;
            }

            var outcome = await ChildProcess.RunAsync(program, args, quietFirst, workingDirectory, TimeSpan.FromMinutes(10));
            return (outcome, await marks.EndAsync(LeftoverGrace));
        }
        catch
        {
            await marks.EndAsync(TimeSpan.Zero);
            throw;
        }
    }

    /// <summary>
    /// nbclient stops at the first failing cell and prints it between dashes, then the error; the cell is found in the
    /// notebook by its source.
    /// </summary>
    private static string JupyterFailure(string notebook, CliOutcome outcome)
    {
        var name = Path.GetFileName(notebook);
        var printed = FailedCell().Match(outcome.Error.Replace("\r\n", "\n", StringComparison.Ordinal));
        if (!printed.Success)
        {
            return $"{name} failed in Jupyter (nbconvert exit {outcome.ExitCode}):\n{Tail(outcome.All, 40)}";
        }

        var source = printed.Groups["source"].Value.Trim();
        var input = ExecutedNotebook.Load(notebook);
        var cell = input.CodeCells.Select(i => (int?)i).FirstOrDefault(i => input.Source(i!.Value).Trim() == source);
        var where = cell is { } index ? $"cell {index + 1} `{FirstLine(source)}`" : $"the cell `{FirstLine(source)}`";
        return $"{name} failed in Jupyter (nbconvert exit {outcome.ExitCode}): {where}:\n{Tail(printed.Groups["error"].Value.Trim(), 40)}";
    }

    private static string FirstLine(string source)
    {
        var line = source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith("#!", StringComparison.Ordinal)) ?? "";
        return line.Length > 60 ? line[..57] + "..." : line;
    }

    private static string Tail(string text, int lines) => string.Join("\n", text.Split('\n').TakeLast(lines));

    private static string NewFolder(string host)
    {
        var folder = Path.Combine(Path.GetTempPath(), "fleetbook-tests", $"kernel-{host}-{Guid.NewGuid().ToString("N")[..10]}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string Folder(string parent, string name) => Directory.CreateDirectory(Path.Combine(parent, name)).FullName;

    /// <summary>A loopback port nobody is using now: bound, read, released (the kernel binds it moments later).</summary>
    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [GeneratedRegex(@"An error occurred while executing the following cell:\n-+\n(?<source>.*?)\n-+\n(?<error>.*)", RegexOptions.Singleline)]
    private static partial Regex FailedCell();
}
