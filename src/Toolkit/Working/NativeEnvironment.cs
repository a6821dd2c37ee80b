using System.Collections;
using System.Runtime.InteropServices;
using System.Text;

namespace Fleetbook.Working;

/// <summary>
/// This process's environment as the C strings (<c>NAME=value</c>) a spawned program is given, made once and again
/// only when a variable changes: making some fifty of them for every job stood out in profiles of trivial jobs.
/// A worker copy takes them once, when it runs its first program (a worker's environment does not change while it
/// runs, and even reading it to compare showed too); elsewhere each variable is compared with the one the strings
/// were made from. The strings live in pinned arrays: a run that took them keeps them.
/// </summary>
internal sealed class NativeEnvironment
{
    private static volatile NativeEnvironment current = new(new Hashtable());

    [ThreadStatic]
    private static NativeEnvironment? ofThisCopy;

    private readonly Dictionary<string, Variable> variables = new(StringComparer.Ordinal);

    private NativeEnvironment(IDictionary environment)
    {
        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is string name && entry.Value is string value)
            {
                var text = GC.AllocateArray<byte>(Encoding.UTF8.GetByteCount(name) + 1 + Encoding.UTF8.GetByteCount(value) + 1, pinned: true);
                var length = Encoding.UTF8.GetBytes(name, text);
                text[length] = (byte)'=';
                Encoding.UTF8.GetBytes(value, text.AsSpan(length + 1));
                variables[name] = new Variable(value, text);
            }
        }
    }

    public int Count => variables.Count;

    /// <summary>On a worker copy's thread, the environment the copy started with; elsewhere <see cref="Now"/>.</summary>
    public static NativeEnvironment ForProgram() => CopyThread.IsCurrent ? ofThisCopy ??= Now() : Now();

    /// <summary>The environment as it is now: the one made before when no variable has changed since.</summary>
    public static NativeEnvironment Now()
    {
        var environment = Environment.GetEnvironmentVariables();
        var made = current;
        if (made.Matches(environment))
        {
            return made;
        }

        return current = new NativeEnvironment(environment);
    }

    /// <summary>Adds a pointer to each variable's C string, leaving out those named in <paramref name="except"/>.</summary>
    public void AddTo(List<IntPtr> block, IReadOnlyDictionary<string, string> except, string alsoExcept)
    {
        foreach (var (name, variable) in variables)
        {
            if (name != alsoExcept && !except.ContainsKey(name))
            {
                block.Add(Marshal.UnsafeAddrOfPinnedArrayElement(variable.Text, 0));
            }
        }
    }

    private bool Matches(IDictionary environment)
    {
        if (environment.Count != variables.Count)
        {
            return false;
        }

        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is not string name || !variables.TryGetValue(name, out var variable) || !string.Equals(variable.Value, entry.Value as string, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private sealed record Variable(string Value, byte[] Text);
}
