namespace Fleetbook.Jobs;

/// <summary>How <c>/bin/sh</c> reads the place where a placeholder of a shell command sits; it decides how the value goes in.</summary>
internal enum ShellSpot
{
    /// <summary>Unquoted shell text, including inside <c>$(…)</c> and after <c>name=</c>: the value goes in as <c>"${var}"</c>.</summary>
    Word,

    /// <summary>Inside <c>"…"</c>: <c>${var}</c>.</summary>
    DoubleQuoted,

    /// <summary>Inside <c>'…'</c>: <c>'"${var}"'</c> (the single quotes are closed around the variable).</summary>
    SingleQuoted,

    /// <summary>In the body of a here-document with an unquoted delimiter: <c>${var}</c>.</summary>
    HereDocument,

    /// <summary>A place no value can go in faithfully (backquotes, comments, <c>${…}</c>, arithmetic…): the config check refuses it.</summary>
    Refused,
}

/// <summary>
/// One placeholder of a shell command (in <c>command[Argument]</c>), where it sits, and when refused, why and what to
/// write instead.
/// </summary>
internal sealed record ShellHole(int Argument, Placeholder Placeholder, ShellSpot Spot, string? Why = null, string? Fix = null);

/// <summary>Something wrong with the shell text itself (a quote never closed), found in <c>command[Argument]</c>.</summary>
internal sealed record ShellTextProblem(int Argument, string Message, string Fix);

/// <summary>Every placeholder of a shell command in script order, and what is wrong with the script's text.</summary>
internal sealed record ShellAnalysis(IReadOnlyList<ShellHole> Holes, IReadOnlyList<ShellTextProblem> Problems);
