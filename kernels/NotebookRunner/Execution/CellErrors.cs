using System.Globalization;
using System.Text.RegularExpressions;
using Fleetbook.Notebooks.Ipynb;

namespace Fleetbook.Notebooks.Execution;

/// <summary>A cell's failure as an nbformat error: from the kernel's CommandFailed message, or from the runner itself.</summary>
internal static partial class CellErrors
{
    public const string Timeout = "TimeoutError";
    public const string KernelExited = "KernelExited";
    public const string Interrupted = "Interrupted";

    /// <summary>An exception (<c>System.InvalidOperationException: boom\n   at …</c>) keeps its type as the name and its first line as the value; compiler diagnostics stay whole.</summary>
    public static CellError FromKernelMessage(string message)
    {
        var text = message.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd();
        var lines = text.Split('\n');
        var exception = ExceptionLine().Match(lines[0]);
        return exception.Success
            ? new CellError(exception.Groups["type"].Value, exception.Groups["message"].Value, lines)
            : new CellError(CellError.Unnamed, text, lines);
    }

    public static CellError TimedOut(TimeSpan limit) => Own(Timeout, string.Create(
        CultureInfo.InvariantCulture,
        $"the cell ran longer than {limit.TotalSeconds:0.#} s (--timeout); the kernel was asked to cancel it and the run stops here."));

    public static CellError KernelGone(string description) => Own(KernelExited, description + "\nThe run stops here.");

    public static CellError Stopped() => Own(Interrupted, "the run was interrupted (Ctrl+C or a termination signal); the kernel was stopped.");

    /// <summary>Errors after which no further cell can run, whatever --keep-going says.</summary>
    public static bool EndsTheRun(CellError error) => error.Name is Timeout or KernelExited or Interrupted;

    private static CellError Own(string name, string message) => new(name, message, message.Split('\n'));

    [GeneratedRegex(@"^(?<type>[A-Za-z_][\w.`+]*(Exception|Error)): ?(?<message>.*)$")]
    private static partial Regex ExceptionLine();
}
