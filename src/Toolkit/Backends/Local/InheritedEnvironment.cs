using System.Collections;

namespace Fleetbook.Backends.Local;

/// <summary>
/// What a local worker, and so the program it runs, inherits from the environment of the process that starts it: the
/// few variables a program needs to find its tools, its home, its language and temp folder, and the .NET runtime's
/// own (the worker is a .NET program). A Distributed-Something container never sees the operator's shell either; the
/// rest of what the program needs goes in the config's "environment". Names that look like secrets are never passed on.
/// </summary>
internal static class InheritedEnvironment
{
    private static readonly HashSet<string> Names = new(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal)
    {
        "PATH", "HOME", "USER", "LOGNAME", "LANG", "LANGUAGE", "TZ", "TMPDIR", "TEMP", "TMP", "SSL_CERT_FILE", "SSL_CERT_DIR",
        "SystemRoot", "SystemDrive", "windir", "ComSpec", "PATHEXT", "USERPROFILE", "LOCALAPPDATA", "APPDATA", "ProgramData",
        "ProgramFiles", "NUMBER_OF_PROCESSORS", "PROCESSOR_ARCHITECTURE", "OS",
    };

    private static readonly string[] Prefixes = ["LC_", "DOTNET_"];

    public static bool IsInherited(string name) =>
        (Names.Contains(name) || Prefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal))) && !Display.Redaction.IsSensitiveName(name);

    /// <summary>The allowed variables of <paramref name="environment"/> (this process's, by default).</summary>
    public static Dictionary<string, string> From(IDictionary? environment = null)
    {
        var inherited = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in environment ?? Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && entry.Value is string value && IsInherited(name))
            {
                inherited[name] = value;
            }
        }

        return inherited;
    }
}
