using Fleetbook.Display;
using Microsoft.DotNet.Interactive;

namespace Fleetbook.Interactive.Live;

/// <summary>The live display the extension gives monitor while a cell runs: on the cell's own invocation context.</summary>
internal static class KernelLiveDisplays
{
    /// <summary>Registers the probe with the library; dispose the result to remove it.</summary>
    public static IDisposable Register(bool updatesInPlace) => LiveDisplays.RegisterHost(() => ForCurrentCell(updatesInPlace));

    public static ILiveDisplay? ForCurrentCell(bool updatesInPlace) =>
        KernelInvocationContext.Current is { } context ? For(context, updatesInPlace) : null;

    public static ILiveDisplay For(KernelInvocationContext context, bool updatesInPlace)
    {
        var output = new KernelLiveDisplay(context);
        return updatesInPlace ? output : LiveDisplays.FinalOnly(output.Show);
    }
}
