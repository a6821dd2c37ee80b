namespace Fleetbook.Display;

/// <summary>
/// One output that shows a value and replaces it in place: a notebook display (Fleetbook's .NET Interactive extension
/// publishes an update under the first display's id: Jupyter's <c>update_display_data</c>) or a terminal region. A host
/// that cannot replace an output shows only the final value (<see cref="LiveDisplays.FinalOnly"/>).
/// </summary>
public interface ILiveDisplay
{
    /// <summary>Shows <paramref name="value"/>: the first call creates the output, later calls replace what it shows.</summary>
    void Show(object value);
}

/// <summary>Whether monitor shows a live view of the run.</summary>
public enum LiveDisplayMode
{
    /// <summary>In a notebook host (.NET Interactive, or one registered with <see cref="LiveDisplays.RegisterHost"/>); nothing elsewhere.</summary>
    Auto,

    /// <summary>In the notebook host when there is one, else on the console (redrawn on a terminal, a line per change when redirected).</summary>
    On,

    /// <summary>Never.</summary>
    Off,
}
