namespace Fleetbook.Notebooks.Ipynb;

internal enum CellLanguage
{
    CSharp,
    FSharp,

    /// <summary>Polyglot's <c>#!html</c> kernel: the cell's text is shown as HTML.</summary>
    Html,

    /// <summary>A <c>#!markdown</c> code cell: prose, nothing to run.</summary>
    Markdown,

    /// <summary>A kernel this runner does not have (pwsh, javascript, sql, …).</summary>
    Unsupported,
}

/// <summary>The kernel a cell runs in, with the name the notebook used for it.</summary>
internal sealed record CellKernel(CellLanguage Language, string Name)
{
    public static CellKernel CSharp { get; } = new(CellLanguage.CSharp, "csharp");

    public static CellKernel FSharp { get; } = new(CellLanguage.FSharp, "fsharp");

    public string DisplayName => Language switch
    {
        CellLanguage.CSharp => "C#",
        CellLanguage.FSharp => "F#",
        CellLanguage.Html => "HTML",
        CellLanguage.Markdown => "markdown",
        _ => Name,
    };

    /// <summary>Kernel names and aliases as .NET Interactive, Jupyter kernelspecs and VS Code write them.</summary>
    public static CellKernel? FromName(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "csharp" or "c#" or "cs" or ".net-csharp" => CSharp,
        "fsharp" or "f#" or "fs" or ".net-fsharp" => FSharp,
        "html" => new(CellLanguage.Html, "html"),
        "markdown" or "md" => new(CellLanguage.Markdown, "markdown"),
        var other => new(CellLanguage.Unsupported, other),
    };
}
