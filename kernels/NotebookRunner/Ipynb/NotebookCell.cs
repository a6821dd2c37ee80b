namespace Fleetbook.Notebooks.Ipynb;

/// <summary>A cell as read from the file. <see cref="Number"/> counts every cell from 1, markdown included.</summary>
internal sealed record NotebookCell(int Index, string CellType, string Source, CellKernel? Kernel)
{
    public int Number => Index + 1;

    public bool IsCode => CellType == "code";

    /// <summary>A code cell the kernel runs (markdown code cells are prose).</summary>
    public bool Runs => IsCode && Kernel is { Runs: true };

    /// <summary>The first line with text, to name the cell in messages.</summary>
    public string FirstLine
    {
        get
        {
            var line = Source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith("#!", StringComparison.Ordinal)) ?? "";
            return line.Length > 60 ? line[..57] + "..." : line;
        }
    }
}
