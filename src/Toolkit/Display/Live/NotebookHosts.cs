using System.Reflection;
using System.Runtime.ExceptionServices;

namespace Fleetbook.Display;

/// <summary>
/// Finds .NET Interactive's display API by name, for a kernel that loaded Fleetbook.dll without its extension (a
/// <c>#r</c> of the dll by path). Names checked against dotnet/interactive's source:
/// <c>System.DisplayExtensions.Display(this object, params string[])</c>, in the Microsoft.DotNet.Interactive assembly
/// and, since 2025, Microsoft.DotNet.Interactive.Formatting. Outside a cell it only prints, so the host counts only
/// while <c>Microsoft.DotNet.Interactive.KernelInvocationContext.Current</c> is set. The <c>DisplayedValue.Update</c> it
/// returns publishes the update under another id than the first display, so no front end replaces the output (Jupyter
/// keeps the first state, dotnet-repl adds an output per update): the view is shown once, at the end.
/// </summary>
internal static class NotebookHosts
{
    private const string InteractiveAssembly = "Microsoft.DotNet.Interactive";
    private const string FormattingAssembly = "Microsoft.DotNet.Interactive.Formatting";
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
            .FirstOrDefault(m => m is not null);
        return display is null ? null : LiveDisplays.FinalOnly(value => Invoke(display, value));
    }

    private static void Invoke(MethodInfo display, object value)
    {
        try
        {
            display.Invoke(null, [value, Html]);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
        }
    }
}
