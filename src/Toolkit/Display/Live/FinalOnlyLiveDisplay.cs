namespace Fleetbook.Display;

/// <summary>
/// Shows a monitor's view once, when it holds the monitor's result (<see cref="LiveMonitor.Complete"/> draws it):
/// for hosts whose outputs cannot be replaced, where each redraw would add an output below the last.
/// </summary>
internal sealed class FinalOnlyLiveDisplay(Action<object> show) : ILiveDisplay
{
    private bool _shown;

    public void Show(object value)
    {
        if (_shown || value is not LiveMonitorView { Result: not null })
        {
            return;
        }

        _shown = true;
        show(value);
    }
}
