using Fleetbook.Display;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;

namespace Fleetbook.Interactive.Live;

/// <summary>
/// One output of a cell, replaced in place: the first value is published as <see cref="DisplayedValueProduced"/> and
/// every later one as <see cref="DisplayedValueUpdated"/> under the same id. (The kernel's own
/// <c>DisplayedValue.Update</c> publishes its updates under another id than the first display, so no front end can
/// match them.) Jupyter turns the id into <c>display_id</c> (<c>update_display_data</c>); VS Code matches the value id.
/// </summary>
internal sealed class KernelLiveDisplay(KernelInvocationContext context) : ILiveDisplay
{
    private readonly string _id = "fleetbook-" + Guid.NewGuid().ToString("N");
    private bool _shown;

    public string Id => _id;

    public void Show(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var formatted = KernelOutput.Format(value);
        context.Publish(_shown
            ? new DisplayedValueUpdated(value, _id, context.Command, formatted)
            : new DisplayedValueProduced(value, context.Command, formatted, _id));
        _shown = true;
    }
}
