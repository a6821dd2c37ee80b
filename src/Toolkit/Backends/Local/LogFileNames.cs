using System.Security.Cryptography;
using System.Text;

namespace Fleetbook.Backends.Local;

/// <summary>
/// Turns a job or worker id into a file name. Ids made only of <c>[A-Za-z0-9._-]</c> are used as they are; any other
/// id has its other characters replaced by '_' and gets <c>~</c> plus a short hash of the real id, so that
/// <c>plate/A01</c> and <c>plate_A01</c> still get different files ('~' never appears in an unchanged name). Ids made
/// only of dots (<c>.</c>, <c>..</c>) are mapped too, so a name can also serve as a folder that stays where it is put.
/// </summary>
internal static class LogFileNames
{
    private const int MaxKept = 100;

    public static string For(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var safe = new StringBuilder(Math.Min(id.Length, MaxKept));
        foreach (var c in id.AsSpan(0, Math.Min(id.Length, MaxKept)))
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_');
        }

        if (safe.Length > 0 && safe.Length == id.Length && safe.Equals(id) && id.AsSpan().ContainsAnyExcept('.'))
        {
            return id;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)).AsSpan(0, 4));
        return $"{safe}~{hash}";
    }
}
