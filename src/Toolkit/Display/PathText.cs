namespace Fleetbook.Display;

/// <summary>
/// Shows paths the way the user configured them: relative to the project folder when under it, else with the home
/// folder as <c>~</c>, so a display or report shared with others does not spell out this machine's layout.
/// </summary>
internal static class PathText
{
    public static Func<string, string> Shortener(string? projectDirectory)
    {
        var project = Normalize(projectDirectory ?? Environment.CurrentDirectory);
        var home = Normalize(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
        return text =>
        {
            if (string.IsNullOrEmpty(text))
            {
                return text;
            }

            if (project is not null)
            {
                text = text.Replace(project + Path.DirectorySeparatorChar, "", StringComparison.Ordinal);
                text = ReplaceWhole(text, project, ".");
            }

            if (home is not null)
            {
                text = text.Replace(home + Path.DirectorySeparatorChar, "~" + Path.DirectorySeparatorChar, StringComparison.Ordinal);
            }

            return text;
        };
    }

    /// <summary>The folder without a trailing separator; null for roots and blanks, which would shorten every path.</summary>
    private static string? Normalize(string? folder)
    {
        if (string.IsNullOrWhiteSpace(folder))
        {
            return null;
        }

        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        return Path.GetPathRoot(full) == full || full.Length < 2 ? null : full;
    }

    /// <summary>The folder itself, when it stands alone (not as the start of a longer name).</summary>
    private static string ReplaceWhole(string text, string folder, string replacement)
    {
        var index = text.IndexOf(folder, StringComparison.Ordinal);
        while (index >= 0)
        {
            var end = index + folder.Length;
            if (!ContinuesName(text, end))
            {
                text = text[..index] + replacement + text[end..];
                end = index + replacement.Length;
            }

            index = text.IndexOf(folder, end, StringComparison.Ordinal);
        }

        return text;
    }

    private static bool ContinuesName(string text, int at) =>
        at < text.Length && (char.IsLetterOrDigit(text[at]) || text[at] is '_' or '-'
            || (text[at] == '.' && at + 1 < text.Length && char.IsLetterOrDigit(text[at + 1])));
}
