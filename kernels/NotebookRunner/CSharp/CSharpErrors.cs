using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Fleetbook.Notebooks.Ipynb;
using Microsoft.CodeAnalysis;

namespace Fleetbook.Notebooks.CSharp;

/// <summary>Compiler diagnostics and exceptions as a cell's error: the message first, the stack without the runner's frames.</summary>
internal static partial class CSharpErrors
{
    public const string CompilationError = "CompilationError";

    public static CellError FromDiagnostics(IReadOnlyList<Diagnostic> errors, string cellFile)
    {
        var lines = errors.Select(e => Describe(e, cellFile)).ToList();
        return new CellError(CompilationError, string.Join("\n", lines), lines);
    }

    public static CellError FromException(Exception exception, string cellFile)
    {
        var error = Unwrap(exception);
        var where = CellLine(error.StackTrace ?? "", cellFile) is { } line ? $" (at line {line} of the cell)" : "";
        var traceback = error.ToString().Split('\n').Select(l => l.TrimEnd('\r')).Where(l => !IsRunnerFrame(l)).ToList();
        return new CellError(error.GetType().FullName ?? error.GetType().Name, error.Message + where, traceback);
    }

    /// <summary>"(2,9): error CS0103: …", with the file named when the error is in a #load-ed script rather than the cell.</summary>
    private static string Describe(Diagnostic diagnostic, string cellFile)
    {
        var span = diagnostic.Location.GetLineSpan();
        var file = span.Path.EndsWith(cellFile, StringComparison.Ordinal) ? "" : Path.GetFileName(span.Path);
        var position = span.IsValid ? string.Create(CultureInfo.InvariantCulture, $"{file}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): ") : "";
        return $"{position}error {diagnostic.Id}: {diagnostic.GetMessage(CultureInfo.InvariantCulture)}";
    }

    private static Exception Unwrap(Exception exception) => exception switch
    {
        TargetInvocationException { InnerException: { } inner } => Unwrap(inner),
        AggregateException { InnerExceptions: [var single] } => Unwrap(single),
        _ => exception,
    };

    private static int? CellLine(string stackTrace, string cellFile)
    {
        foreach (Match match in FrameLine().Matches(stackTrace))
        {
            if (match.Groups["file"].Value.EndsWith(cellFile, StringComparison.Ordinal))
            {
                return int.Parse(match.Groups["line"].Value, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    private static bool IsRunnerFrame(string line)
    {
        var trimmed = line.TrimStart();
        return trimmed.StartsWith("at Microsoft.CodeAnalysis.Scripting.", StringComparison.Ordinal)
            || trimmed.StartsWith("at Fleetbook.Notebooks.", StringComparison.Ordinal)
            || trimmed.StartsWith("--- End of stack trace", StringComparison.Ordinal)
            || trimmed.StartsWith("at System.Runtime.CompilerServices.", StringComparison.Ordinal)
            || trimmed.StartsWith("at System.Threading.", StringComparison.Ordinal)
            || trimmed.StartsWith("at System.Runtime.ExceptionServices.", StringComparison.Ordinal);
    }

    [GeneratedRegex(@" in (?<file>.+):line (?<line>\d+)")]
    private static partial Regex FrameLine();
}
