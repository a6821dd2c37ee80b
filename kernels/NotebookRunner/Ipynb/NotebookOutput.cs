namespace Fleetbook.Notebooks.Ipynb;

/// <summary>One output of a code cell, as nbformat 4 defines them.</summary>
internal abstract record NotebookOutput;

internal sealed record StreamOutput(string Name, string Text) : NotebookOutput
{
    public const string Stdout = "stdout";
    public const string Stderr = "stderr";
}

/// <summary><c>display_data</c>, or <c>execute_result</c> for a cell's final value. <see cref="Updated"/>: a live display that changed.</summary>
internal sealed record DisplayOutput(string DisplayId, MimeBundle Data, bool IsResult, int ExecutionCount, bool Updated = false) : NotebookOutput;

internal sealed record ErrorOutput(CellError Error) : NotebookOutput;

/// <summary>
/// Why a cell failed. <see cref="Summary"/> is the one paragraph the console shows; <see cref="Traceback"/> the detail
/// the notebook keeps.
/// </summary>
internal sealed record CellError(string Name, string Message, IReadOnlyList<string> Traceback)
{
    /// <summary>The name Jupyter's .NET kernel gives errors that are not an exception (compiler diagnostics).</summary>
    public const string Unnamed = "Error";

    public string Summary => Name is "" or Unnamed ? Message : $"{Name}: {Message}";
}

/// <summary>What running one cell produced.</summary>
internal sealed record CellRun(int ExecutionCount, IReadOnlyList<NotebookOutput> Outputs, CellError? Error, TimeSpan Elapsed)
{
    public bool Succeeded => Error is null;
}
