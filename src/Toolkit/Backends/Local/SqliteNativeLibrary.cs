using System.Reflection;
using System.Runtime.InteropServices;

namespace Fleetbook.Backends.Local;

/// <summary>
/// Lets SQLite's native library load when Fleetbook.dll is referenced by path (<c>#r "bin/Fleetbook.dll"</c> in
/// <c>dotnet fsi</c> or a notebook): such hosts read no deps.json, so the runtime does not look in
/// <c>runtimes/&lt;rid&gt;/native</c> beside the assemblies, where the build put <c>e_sqlite3</c>. The default lookup
/// runs first; an application with a deps.json never reaches the fallback. The handle is kept: a notebook kernel
/// resolves native libraries through a hook of its own that is gone by the time SQLite's pools close at process exit,
/// and a P/Invoke called first then would find nothing.
/// </summary>
internal static class SqliteNativeLibrary
{
    private const string LibraryName = "e_sqlite3";
    private static int registered;
    private static IntPtr loaded;

    public static void EnsureResolvable()
    {
        if (Interlocked.Exchange(ref registered, 1) == 1)
        {
            return;
        }

        var provider = typeof(SQLitePCL.SQLite3Provider_e_sqlite3).Assembly;
        try
        {
            NativeLibrary.SetDllImportResolver(provider, Resolve);
        }
        catch (InvalidOperationException)
        {
            // The host set its own resolver for the provider; it knows better where the library is.
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != LibraryName)
        {
            return IntPtr.Zero;
        }

        if (loaded == IntPtr.Zero)
        {
            loaded = Load(name, assembly, searchPath);
        }

        return loaded;
    }

    private static IntPtr Load(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (NativeLibrary.TryLoad(name, assembly, searchPath, out var handle))
        {
            return handle;
        }

        foreach (var candidate in Candidates(assembly))
        {
            if (File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out handle))
            {
                return handle;
            }
        }

        return IntPtr.Zero;
    }

    internal static IEnumerable<string> Candidates(Assembly provider)
    {
        var file = OperatingSystem.IsWindows() ? LibraryName + ".dll"
            : OperatingSystem.IsMacOS() ? "lib" + LibraryName + ".dylib"
            : "lib" + LibraryName + ".so";
        var folders = new[] { FolderOf(provider), FolderOf(typeof(SqliteNativeLibrary).Assembly), AppContext.BaseDirectory }
            .Where(f => !string.IsNullOrEmpty(f))
            .Distinct();
        var rids = new[] { RuntimeInformation.RuntimeIdentifier, PortableRuntimeIdentifier() }.Distinct().ToList();
        return folders.SelectMany(folder => rids.Select(rid => Path.Combine(folder!, "runtimes", rid, "native", file)));
    }

    /// <summary>The folder an assembly was loaded from; null in a native or single-file program, where it has no file of its own.</summary>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("SingleFile", "IL3000",
        Justification = "An empty location is handled: AppContext.BaseDirectory, the next candidate, is where such a program's native libraries are.")]
    private static string? FolderOf(Assembly assembly) => assembly.Location is { Length: > 0 } location ? Path.GetDirectoryName(location) : null;

    private static string PortableRuntimeIdentifier()
    {
        var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        return os + "-" + RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
    }
}
