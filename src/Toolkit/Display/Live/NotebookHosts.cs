using System.Reflection;
using System.Runtime.ExceptionServices;

namespace Fleetbook.Display;

/// <summary>
/// Finds a notebook host's display API by name. Names checked against dotnet/interactive's source:
/// <c>System.DisplayExtensions.Display(this object, params string[])</c> returns a <c>DisplayedValue</c> with
/// <c>Update(object)</c>; it lived in the Microsoft.DotNet.Interactive assembly and moved to
/// Microsoft.DotNet.Interactive.Formatting in 2025. Outside a cell it only prints, so the host counts as live only while
/// <c>Microsoft.DotNet.Interactive.KernelInvocationContext.Current</c> is set. fleetbook-notebook offers the same shape as
/// <c>Fleetbook.Notebooks.Displays.Show</c>, live while it is recording a notebook (<c>Displays.IsLive</c>).
/// </summary>
internal static class NotebookHosts
{
    private const string InteractiveAssembly = "Microsoft.DotNet.Interactive";
    private const string FormattingAssembly = "Microsoft.DotNet.Interactive.Formatting";
    private const string RunnerAssembly = "fleetbook-notebook";
    private const BindingFlags Static = BindingFlags.Public | BindingFlags.Static;

    private static readonly string[] Html = [MimeTypes.Html, MimeTypes.PlainText];

    public static ILiveDisplay? DotNetInteractive(IReadOnlyList<Assembly> loaded)
    {
        var kernel = loaded.FirstOrDefault(a => a.GetName().Name == InteractiveAssembly);
        var context = kernel?.GetType(InteractiveAssembly + ".KernelInvocationContext")?.GetProperty("Current", Static);
        if (context?.GetValue(null) is null)
        {
            return null;
        }

        var display = loaded
            .Where(a => a.GetName().Name is InteractiveAssembly or FormattingAssembly)
            .Select(a => a.GetType("System.DisplayExtensions")?.GetMethod("Display", Static, [typeof(object), typeof(string[])]))
            .FirstOrDefault(m => m is not null && Updater(m.ReturnType) is not null);
        return display is null ? null : new ReflectedLiveDisplay(display, ".NET Interactive");
    }

    public static ILiveDisplay? NotebookRunner(IReadOnlyList<Assembly> loaded)
    {
        var displays = loaded.FirstOrDefault(a => a.GetName().Name == RunnerAssembly)?.GetType("Fleetbook.Notebooks.Displays");
        if (displays?.GetProperty("IsLive", Static)?.GetValue(null) is not true)
        {
            return null;
        }

        var show = displays.GetMethod("Show", Static, [typeof(object), typeof(string[])]);
        return show is not null && Updater(show.ReturnType) is not null ? new ReflectedLiveDisplay(show, RunnerAssembly) : null;
    }

    internal static MethodInfo? Updater(Type displayed) =>
        displayed.GetMethod("Update", BindingFlags.Public | BindingFlags.Instance, [typeof(object)]);

    /// <summary>Shows through the host's static display method once, then updates what it returned.</summary>
    private sealed class ReflectedLiveDisplay(MethodInfo display, string host) : ILiveDisplay
    {
        private object? _displayed;

        public override string ToString() => host;

        public void Show(object value)
        {
            try
            {
                if (_displayed is null)
                {
                    _displayed = display.Invoke(null, [value, Html])
                        ?? throw new InvalidOperationException($"{host}'s {display.Name} returned no displayed value.");
                }
                else
                {
                    Updater(_displayed.GetType())!.Invoke(_displayed, [value]);
                }
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            }
        }
    }
}
