namespace Fleetbook.Notebooks.Ipynb;

/// <summary>The file is not a notebook this runner can read; the message names the file and the problem.</summary>
internal sealed class NotebookFormatException(string path, string problem) : Exception($"{path}: {problem}")
{
    public string Path { get; } = path;

    public string Problem { get; } = problem;
}
