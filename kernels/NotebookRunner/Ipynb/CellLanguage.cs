namespace Fleetbook.Notebooks.Ipynb;

internal enum CellLanguage
{
    CSharp,
    FSharp,

    /// <summary>Polyglot's <c>#!html</c> kernel: the cell's text is shown as HTML.</summary>
    Html,

    /// <summary>A <c>#!markdown</c> code cell: prose, which front ends show and never send to the kernel.</summary>
    Markdown,

    /// <summary>Any other kernel (pwsh, mermaid, http, …): the cell goes to it by name, and the kernel says whether it has one.</summary>
    Other,
}

/// <summary>The kernel a cell runs in, with the name the kernel knows it by.</summary>
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

    /// <summary>Sent to the kernel: markdown is prose, as in VS Code and Jupyter.</summary>
    public bool Runs => Language != CellLanguage.Markdown;

    /// <summary>Kernels that take <c>#i "nuget:SOURCE"</c> (a package source) and <c>#r "nuget: …"</c>.</summary>
    public bool RestoresPackages => Language is CellLanguage.CSharp or CellLanguage.FSharp;

    /// <summary>Kernel names and aliases as .NET Interactive, Jupyter kernelspecs and VS Code write them.</summary>
    public static CellKernel? FromName(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "csharp" or "c#" or "cs" or ".net-csharp" => CSharp,
        "fsharp" or "f#" or "fs" or ".net-fsharp" => FSharp,
        "html" => new(CellLanguage.Html, "html"),
        "markdown" or "md" => new(CellLanguage.Markdown, "markdown"),
        var other => new(CellLanguage.Other, other.StartsWith(".net-", StringComparison.Ordinal) ? other[5..] : other),
    };
}
