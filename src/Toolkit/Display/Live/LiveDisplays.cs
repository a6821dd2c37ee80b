using System.Reflection;

namespace Fleetbook.Display;

/// <summary>The live displays Fleetbook knows: the notebook host's, found by reflection, and the console.</summary>
public static class LiveDisplays
{
    /// <summary>
    /// The live display of the notebook host this code runs in — .NET Interactive while a cell runs, or fleetbook-notebook —
    /// else null. Neither host is referenced: both are found among the loaded assemblies by name.
    /// </summary>
    public static ILiveDisplay? Detect() => Detect(AppDomain.CurrentDomain.GetAssemblies());

    internal static ILiveDisplay? Detect(IReadOnlyList<Assembly> loaded) =>
        NotebookHosts.NotebookRunner(loaded) ?? NotebookHosts.DotNetInteractive(loaded);

    /// <summary>
    /// The console: on a terminal, the view is redrawn in place (progress bar and figures, no charts); when output is
    /// redirected, one line per change. <paramref name="redraw"/> null decides from the console; lines are cut to the
    /// console's width only when writing to the console itself.
    /// </summary>
    public static ILiveDisplay Console(TextWriter? output = null, bool? redraw = null)
    {
        var terminal = redraw ?? (!System.Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") is not (null or "" or "dumb"));
        return new ConsoleLiveDisplay(output ?? System.Console.Out, terminal, terminal && output is null ? TerminalWidth() : null);
    }

    private static int? TerminalWidth()
    {
        try
        {
            return System.Console.WindowWidth > 10 ? System.Console.WindowWidth : null;
        }
        catch (Exception e) when (e is IOException or PlatformNotSupportedException or InvalidOperationException)
        {
            return null;
        }
    }
}
