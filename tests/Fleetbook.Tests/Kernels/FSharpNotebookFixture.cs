using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Kernels;

/// <summary>
/// One F# notebook run shared by the F# tests: each run starts a dotnet fsi, so the behaviours are cells of one
/// notebook (with --keep-going) rather than a notebook each.
/// </summary>
public sealed class FSharpNotebookFixture : IAsyncLifetime
{
    public static readonly string[] Cells =
    [
        // 0: #r of the local Fleetbook and a call into it
        "#r \"nuget: Fleetbook\"\nopen Fleetbook.Configuration\nlet config = ConfigFile.Parse(\"\"\"{\"appName\": \"FromFSharp\", \"command\": [\"echo\", \"{n}\"]}\"\"\", \"inline.json\")\nprintfn \"parsed %s\" config.AppName",
        // 1: state from cell 0; the last expression is the result
        "let queue = config.AppName + \"Queue\"\nqueue",
        // 2: a live display updated three times
        "let progress = display 0\nfor i in 1 .. 3 do progress.Update(i * 10)",
        // 3: a C# cell in the F# notebook, with its own state
        "#!csharp\nvar fromCSharp = 6 * 7;\nfromCSharp",
        // 4: an exception
        "let check () = invalidOp \"the queue is empty\"\ncheck () |> ignore",
        // 5: a compile error
        "let depth = queue.Length + undefinedDepth",
        // 6: the session survives both
        "printfn \"still %s\" queue\n[1; 2; 3] |> List.map ((*) 2)",
    ];

    private readonly TempFolder _folder = new("nb-fsharp");

    public RunnerOutcome Outcome { get; private set; } = null!;

    public ExecutedNotebook Executed { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var (outcome, executed) = await NotebookRunnerProcess.RunNotebookAsync(_folder, TestNotebook.FSharp(Cells), "--keep-going", "--verbose");
        Outcome = outcome;
        Executed = executed ?? throw new InvalidOperationException("no executed notebook: " + outcome.All);
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
