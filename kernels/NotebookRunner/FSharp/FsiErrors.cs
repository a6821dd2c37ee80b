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

    public static CellError? Parse(string stderr, string cellFile)
    {
        var lines = stderr.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var compile = CompileErrors(lines, cellFile);
        if (compile.Count > 0)
        {
            return new CellError(CompilationError, string.Join("\n", compile), compile);
        }

        return lines.Any(l => l.Trim() == Stopped) ? Exception(lines, cellFile) : null;
    }

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

    private static CellError Exception(string[] lines, string cellFile)
    {
        var body = lines.Where(l => l.Trim() != Stopped).ToList();
        while (body.Count > 0 && body[0].Trim().Length == 0)
        {
            body.RemoveAt(0);
        }

        var firstFrame = body.FindIndex(l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        var header = string.Join("\n", (firstFrame < 0 ? body : body.Take(firstFrame)).Select(l => l.TrimEnd())).Trim();
        var colon = header.IndexOf(": ", StringComparison.Ordinal);
        var (name, message) = colon > 0 && !header[..colon].Contains(' ', StringComparison.Ordinal)
            ? (header[..colon], header[(colon + 2)..])
            : ("Exception", header);
        var line = body.Select(l => CellFrame().Match(l)).FirstOrDefault(m => m.Success && m.Groups["file"].Value.EndsWith(cellFile, StringComparison.Ordinal));
        var where = line is null ? "" : $" (at line {line.Groups["line"].Value} of the cell)";
        var traceback = body.Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith("at System.Reflection.", StringComparison.Ordinal)).Select(l => l.TrimEnd()).ToList();
        return new CellError(name, message + where, traceback);
    }

    [GeneratedRegex(@"^(?<file>.*?)\((?<position>\d+,\d+)\): (?<severity>error|warning) (?<code>FS\d+): (?<message>.*)$")]
    private static partial Regex Diagnostic();

    [GeneratedRegex(@"^\s*error (?<code>FS\d+): (?<message>.*)$")]
    private static partial Regex BareError();

    [GeneratedRegex(@" in (?<file>.+):line (?<line>\d+)")]
    private static partial Regex CellFrame();
}
