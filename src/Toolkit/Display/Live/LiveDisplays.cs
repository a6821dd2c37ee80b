using System.Collections.Immutable;

namespace Fleetbook.Display;

/// <summary>
/// The live displays Fleetbook knows: those of registered notebook hosts (Fleetbook's .NET Interactive extension
/// registers one), .NET Interactive found by reflection when the extension is not loaded, and the console.
/// </summary>
public static class LiveDisplays
{
    private static ImmutableList<Func<ILiveDisplay?>> _hosts = [];

    /// <summary>
    /// Adds a probe that <see cref="Detect()"/> asks, before anything else (the newest registration first), for the live
    /// display of the host this code runs in; it returns null when the host has none right now (no cell is running).
    /// Dispose the result to remove the probe.
    /// </summary>
    public static IDisposable RegisterHost(Func<ILiveDisplay?> probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ImmutableInterlocked.Update(ref _hosts, hosts => hosts.Insert(0, probe));
        return new Registration(probe);
    }

    /// <summary>
    /// The live display of the notebook host this code runs in, else null: a registered host's first, else .NET
    /// Interactive's (found by name among the loaded assemblies while a cell runs), which can only show the view once,
    /// at the end (see <see cref="FinalOnly"/>).
    /// </summary>
    public static ILiveDisplay? Detect() => Detect(AppDomain.CurrentDomain.GetAssemblies());

    internal static ILiveDisplay? Detect(IReadOnlyList<System.Reflection.Assembly> loaded) =>
        _hosts.Select(probe => probe()).FirstOrDefault(display => display is not null) ?? NotebookHosts.DotNetInteractive(loaded);

    /// <summary>
    /// A live display for a host that cannot replace an output it has shown: it keeps each view and hands
    /// <paramref name="show"/> only the final one — a <see cref="LiveMonitorView"/> that holds the monitor's result —
    /// once, so the notebook gets one output with the end state instead of one output per redraw.
    /// </summary>
    public static ILiveDisplay FinalOnly(Action<object> show)
    {
        ArgumentNullException.ThrowIfNull(show);
        return new FinalOnlyLiveDisplay(show);
    }

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

    private sealed class Registration(Func<ILiveDisplay?> probe) : IDisposable
    {
        public void Dispose() => ImmutableInterlocked.Update(ref _hosts, hosts => hosts.Remove(probe));
    }
}
