using System.Text.RegularExpressions;
using Fleetbook.Notebooks.Ipynb;

namespace Fleetbook.Notebooks.FSharp;

/// <summary>
/// Reads what fsi wrote to stderr for one cell: compile errors (<c>cell-3.fsx(2,5): error FS0039: …</c>) or an exception
/// followed by fsi's "Stopped due to error". Warnings alone are not a failure.
/// </summary>
internal static partial class FsiErrors
{
    public const string CompilationError = "CompilationError";
    private const string Stopped = "Stopped due to error";

    /// <summary>The cell's error, if it failed, and what else it wrote to stderr (its own output, warnings).</summary>
    public static (CellError? Error, string Output) Parse(string stderr, string cellFile)
    {
        var lines = stderr.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var compile = CompileErrors(lines, cellFile);
        if (compile.Count > 0)
        {
            // The console gets each error's first line; FS0030's advice alone is a dozen lines.
            var message = string.Join("\n", compile.Select(e => Explain(e.Split('\n')[0])));
            return (new CellError(CompilationError, message, [.. compile.SelectMany(e => e.Split('\n'))]), "");
        }

        return lines.Any(l => l.Trim() == Stopped) ? Exception(lines, cellFile) : (null, stderr);
    }

    private static string Explain(string error) =>
        error.Contains("The value 'it' has an inferred generic type", StringComparison.Ordinal)
            ? error + " (the cell's last expression has no type of its own, as a cell ending in raise or failwith has: end it with |> ignore)"
            : error;

    private static List<string> CompileErrors(string[] lines, string cellFile)
    {
        var errors = new List<string>();
        var inError = false;
        foreach (var line in lines)
        {
            var match = Diagnostic().Match(line);
            if (match.Success)
            {
                inError = match.Groups["severity"].Value == "error";
                if (inError)
                {
                    var position = match.Groups["file"].Value.EndsWith(cellFile, StringComparison.Ordinal) ? $"({match.Groups["position"].Value}): " : "";
                    errors.Add($"{position}error {match.Groups["code"].Value}: {match.Groups["message"].Value.Trim()}");
                }
            }
            else if (BareError().Match(line) is { Success: true } bare)
            {
                inError = true;
                errors.Add($"error {bare.Groups["code"].Value}: {bare.Groups["message"].Value.Trim()}");
            }
            else if (inError && line.Trim().Length > 0)
            {
                errors[^1] += "\n" + line.TrimEnd();
            }
            else
            {
                inError = false;
            }
        }

        return errors;
    }

    private static (CellError, string) Exception(string[] lines, string cellFile)
    {
        var body = lines.Where(l => l.Trim() != Stopped).ToList();
        var firstFrame = body.FindIndex(l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal) || l.TrimStart().StartsWith("--- ", StringComparison.Ordinal));
        var beforeFrames = firstFrame < 0 ? body.Count : firstFrame;

        // fsi prints the exception last; what the cell wrote to stderr before it stays the cell's output.
        var start = body.Take(beforeFrames).ToList().FindLastIndex(l => ExceptionHeader().IsMatch(l));
        var output = start > 0 ? string.Join("\n", body.Take(start)) + "\n" : "";
        body = start > 0 ? body[start..] : body;
        beforeFrames -= Math.Max(start, 0);

        var header = string.Join("\n", body.Take(beforeFrames).Select(l => l.TrimEnd())).Trim();
        var match = ExceptionHeader().Match(header);
        var (name, message) = match.Success
            ? (match.Groups["type"].Value, header[(match.Groups["type"].Length + 2)..])
            : ("Exception", header);
        var line = body.Select(l => CellFrame().Match(l)).FirstOrDefault(m => m.Success && m.Groups["file"].Value.EndsWith(cellFile, StringComparison.Ordinal));
        var where = line is null ? "" : $" (at line {line.Groups["line"].Value} of the cell)";
        var traceback = body.Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith("at System.Reflection.", StringComparison.Ordinal)).Select(l => l.TrimEnd()).ToList();
        return (new CellError(name, message + where, traceback), output.Trim().Length > 0 ? output : "");
    }

    [GeneratedRegex(@"^(?<type>[\w.+`]+): ")]
    private static partial Regex ExceptionHeader();

    [GeneratedRegex(@"^(?<file>.*?)\((?<position>\d+,\d+)\): (?<severity>error|warning) (?<code>FS\d+): (?<message>.*)$")]
    private static partial Regex Diagnostic();

    [GeneratedRegex(@"^\s*error (?<code>FS\d+): (?<message>.*)$")]
    private static partial Regex BareError();

    [GeneratedRegex(@" in (?<file>.+):line (?<line>\d+)")]
    private static partial Regex CellFrame();
}
