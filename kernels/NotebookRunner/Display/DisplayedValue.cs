using Fleetbook.Notebooks.Display;

namespace Fleetbook.Notebooks;

/// <summary>
/// A value shown by <c>display(...)</c>; <see cref="Update"/> replaces what the output shows (a live display), as .NET
/// Interactive's <c>DisplayedValue</c> does. The executed notebook keeps the last value.
/// </summary>
public sealed class DisplayedValue
{
    private readonly IReadOnlyList<string> _mimeTypes;
    private readonly IDisplaySink _sink;

    internal DisplayedValue(object? value, IReadOnlyList<string> mimeTypes, IDisplaySink sink)
    {
        DisplayId = Guid.NewGuid().ToString("N");
        Value = value;
        _mimeTypes = mimeTypes;
        _sink = sink;
    }

    public string DisplayId { get; }

    /// <summary>The value last shown.</summary>
    public object? Value { get; private set; }

    /// <summary>Shows <paramref name="updatedValue"/> in place of the current value, formatted for the same MIME types.</summary>
    public void Update(object? updatedValue)
    {
        Value = updatedValue;
        Publish(DisplayKind.Update);
    }

    internal void Publish(DisplayKind kind) =>
        _sink.Publish(new DisplayMessage(kind, DisplayId, ValueFormatter.Format(Value, _mimeTypes, Displays.PlainText)));
}
