using System.Runtime.CompilerServices;
using Fleetbook.Interactive.Formatters;
using Fleetbook.Interactive.Live;
using Fleetbook.Interactive.Magic;
using Microsoft.DotNet.Interactive;

namespace Fleetbook.Interactive;

/// <summary>
/// What <c>#r "nuget: Fleetbook"</c> adds to a .NET Interactive kernel (Jupyter's .NET kernels, VS Code, dotnet-repl):
/// Fleetbook's displays registered with the kernel's formatter (charts also as <c>application/vnd.plotly.v1+json</c>
/// where the host keeps it, Fleetbook's own tables for lists of attempts, dead jobs and runs), a live display for
/// monitor that replaces its output in place (or shows it once, at the end, where the host cannot), and the
/// <c>#!fleetbook</c> magic command.
/// </summary>
/// <remarks>
/// Loading must never make the <c>#r</c> fail: each part touches the kernel's API in its own method, so a kernel whose
/// API differs fails that part alone (a missing type or method is thrown when the method is compiled), and the cell
/// gets one line saying what is missing.
/// </remarks>
public sealed class FleetbookKernelExtension : IKernelExtension
{
    private static readonly ConditionalWeakTable<Kernel, object> Loaded = [];

    private readonly DisplayHost _host;
    private readonly Func<string>? _workingFolder;
    private readonly Action<string> _note;

    public FleetbookKernelExtension()
        : this(DisplayHost.OfThisProcess())
    {
    }

    /// <param name="host">What the program running the kernel does with displays.</param>
    /// <param name="workingFolder">Where <c>#!fleetbook</c> looks for configs; the kernel's current folder by default.</param>
    /// <param name="note">Where the line about parts that failed to load goes; the cell's output (the console) by default.</param>
    internal FleetbookKernelExtension(DisplayHost host, Func<string>? workingFolder = null, Action<string>? note = null)
    {
        _host = host;
        _workingFolder = workingFolder;
        _note = note ?? Console.Out.WriteLine;
    }

    public Task OnLoadAsync(Kernel kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        Kernel root;
        try
        {
            root = RootOf(kernel);
        }
        catch (Exception e) when (e is MissingMemberException or TypeLoadException)
        {
            root = kernel;
        }

        if (!Loaded.TryAdd(root, this))
        {
            return Task.CompletedTask;
        }

        var failed = new List<string>();
        Attempt("displays", () => RegisterFormatters(_host), failed);
        Attempt("live monitor", () => RegisterLiveDisplay(root), failed);
        Attempt("#!fleetbook", () => AddMagicCommand(root), failed);
        if (failed.Count > 0)
        {
            _note($"Fleetbook: this kernel could not take {string.Join("; ", failed)}; the rest is loaded.");
        }

        return Task.CompletedTask;
    }

    /// <summary>The composite kernel the extension was loaded into (its directives reach every language); the caller catches a missing member.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Kernel RootOf(Kernel kernel) => kernel.RootKernel;

    private static void Attempt(string part, Action load, List<string> failed)
    {
        try
        {
            load();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            failed.Add($"{part} ({e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")})");
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RegisterFormatters(DisplayHost host) => KernelFormatters.Register(host.KeepsPlotlyJson);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RegisterLiveDisplay(Kernel root) => root.RegisterForDisposal(KernelLiveDisplays.Register(_host.UpdatesInPlace));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AddMagicCommand(Kernel root) => FleetbookDirective.AddTo(root, _workingFolder);
}
