using System.Reflection;

namespace Fleetbook.Interactive;

/// <summary>What the program that runs the kernel does with the displays the kernel publishes.</summary>
/// <param name="UpdatesInPlace">
/// An update published under an output's id replaces that output. Not in dotnet-repl, which adds an output for every
/// update, ids or not.
/// </param>
/// <param name="KeepsPlotlyJson">
/// An <c>application/vnd.plotly.v1+json</c> output reaches the front end as JSON. Not through dotnet-interactive's Jupyter
/// kernel, which sends every JSON MIME type but <c>application/json</c> as a string (JupyterLab's plotly renderer then
/// draws nothing, and it ranks above HTML), nor dotnet-repl, which saves it as lines of text; VS Code (the stdio
/// protocol) parses it.
/// </param>
internal sealed record DisplayHost(bool UpdatesInPlace, bool KeepsPlotlyJson)
{
    public const string Repl = "dotnet-repl";
    public const string Interactive = "Microsoft.DotNet.Interactive.App";

    /// <summary>Any other host: VS Code's (dotnet-interactive stdio), a kernel hosted in a program of one's own.</summary>
    public static DisplayHost Default { get; } = new(UpdatesInPlace: true, KeepsPlotlyJson: true);

    public static DisplayHost OfThisProcess() => Of(Assembly.GetEntryAssembly()?.GetName().Name, Environment.GetCommandLineArgs());

    /// <param name="entryAssembly">The process's entry assembly: dotnet-repl runs the kernel in its own process.</param>
    /// <param name="commandLine">The process's arguments, the program first: dotnet-interactive's verb follows it (jupyter, stdio).</param>
    public static DisplayHost Of(string? entryAssembly, IReadOnlyList<string> commandLine) => entryAssembly switch
    {
        Repl => new(UpdatesInPlace: false, KeepsPlotlyJson: false),
        Interactive when commandLine.Count > 1 && commandLine[1] == "jupyter" => Default with { KeepsPlotlyJson = false },
        _ => Default,
    };
}
