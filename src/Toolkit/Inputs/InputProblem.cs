namespace Fleetbook.Inputs;

/// <summary>One thing wrong with a file or an argument the user gave: where it is, what is wrong, how to fix it.</summary>
/// <param name="File">The file (as the user named it) or the option that holds the problem.</param>
/// <param name="Line">1-based line, when known.</param>
/// <param name="Column">1-based column, when known.</param>
/// <param name="Where">The key path (<c>groups[3].Well</c>) or the name of the setting.</param>
/// <param name="Message">What is wrong, in one sentence.</param>
/// <param name="Fix">What to do about it.</param>
public sealed record InputProblem(string File, int? Line, int? Column, string? Where, string Message, string? Fix)
{
    public override string ToString()
    {
        var place = Line is int line ? $"{File}:{line}:{Column ?? 1}" : File;
        var where = string.IsNullOrEmpty(Where) ? "" : $" {Where}:";
        var fix = string.IsNullOrEmpty(Fix) ? "" : $" Fix: {Fix}";
        return $"{place}:{where} {Message}{fix}";
    }
}

/// <summary>Thrown before any side effect when user input is wrong; front ends print the problems and exit with code 2.</summary>
public sealed class InputException : Exception
{
    public InputException(IReadOnlyList<InputProblem> problems)
        : base(problems.Count == 0 ? "Invalid input." : string.Join(Environment.NewLine, problems))
    {
        Problems = problems;
    }

    public InputException(InputProblem problem) : this([problem]) { }

    public IReadOnlyList<InputProblem> Problems { get; }
}
