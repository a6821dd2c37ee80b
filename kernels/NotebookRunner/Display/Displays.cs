using Fleetbook.Notebooks.Display;

namespace Fleetbook.Notebooks;

/// <summary>The process-wide display entry point: the C# globals, the extension methods and the F# host all come here.</summary>
public static class Displays
{
    private static IDisplaySink _sink = new ConsoleDisplaySink();

    internal static IDisplaySink Sink
    {
        get => Volatile.Read(ref _sink);
        set => Volatile.Write(ref _sink, value);
    }

    /// <summary>
    /// Whether displays land in a notebook (the runner is recording one, or this is its F# session) rather than on the
    /// console; libraries that update a display in place (Fleetbook's live monitor) look for this by name.
    /// </summary>
    public static bool IsLive => Sink is not ConsoleDisplaySink;

    /// <summary>The host language's text form of a value (F# sets <c>sprintf "%A"</c>); null means the runner's own.</summary>
    internal static Func<object?, string>? PlainText { get; set; }

    /// <summary>Shows <paramref name="value"/> as a new output; no <paramref name="mimeTypes"/> means every type its formatters offer.</summary>
    public static DisplayedValue Show(object? value, params string[] mimeTypes) => Show(value, mimeTypes, DisplayKind.Display);

    internal static DisplayedValue Show(object? value, IReadOnlyList<string> mimeTypes, DisplayKind kind)
    {
        var shown = new DisplayedValue(value, mimeTypes, Sink);
        shown.Publish(kind);
        return shown;
    }
}

/// <summary><c>value.Display()</c> and <c>"&lt;b&gt;hi&lt;/b&gt;".DisplayAs("text/html")</c>, as in .NET Interactive.</summary>
public static class DisplayExtensions
{
    public static DisplayedValue Display(this object? value, params string[] mimeTypes) => Displays.Show(value, mimeTypes);

    public static DisplayedValue DisplayAs(this string value, string mimeType) => Displays.Show(value, mimeType);
}
