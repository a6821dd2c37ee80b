using System.Globalization;
using System.Numerics;

namespace Fleetbook.Configuration.DsImport;

/// <summary>A value computed from config.py: the few Python types a config file can hold.</summary>
internal abstract record PyValue
{
    /// <summary>Python's name for the type, as its error messages use it.</summary>
    public abstract string TypeName { get; }

    /// <summary>Python's <c>repr()</c>.</summary>
    public abstract string Repr();

    /// <summary>Python's <c>str()</c>.</summary>
    public virtual string Str() => Repr();

    /// <summary>The value for a sentence: "the text 'abc'", "the whole number 3".</summary>
    public abstract string Describe();

    public sealed override string ToString() => Repr();
}

internal sealed record PyStr(string Value) : PyValue
{
    public override string TypeName => "str";
    public override string Repr() => PyFormat.StringRepr(Value);
    public override string Str() => Value;
    public override string Describe() => $"the text {Repr()}";
}

internal sealed record PyInt(BigInteger Value) : PyValue
{
    public override string TypeName => "int";
    public override string Repr() => Value.ToString(CultureInfo.InvariantCulture);
    public override string Describe() => $"the whole number {Repr()}";
}

internal sealed record PyFloat(double Value) : PyValue
{
    public override string TypeName => "float";
    public override string Repr() => PyFormat.FloatRepr(Value);
    public override string Describe() => $"the number {Repr()}";
}

internal sealed record PyBool(bool Value) : PyValue
{
    public static readonly PyBool True = new(true);
    public static readonly PyBool False = new(false);

    public override string TypeName => "bool";
    public override string Repr() => Value ? "True" : "False";
    public override string Describe() => Repr();
}

internal sealed record PyNone : PyValue
{
    public static readonly PyNone Instance = new();

    public override string TypeName => "NoneType";
    public override string Repr() => "None";
    public override string Describe() => "None";
}

/// <summary>A list, or a tuple when <see cref="IsTuple"/> (they differ only in how they print and what they concatenate with).</summary>
internal sealed record PyList(IReadOnlyList<PyValue> Items, bool IsTuple = false) : PyValue
{
    public override string TypeName => IsTuple ? "tuple" : "list";

    public override string Repr()
    {
        var inner = string.Join(", ", Items.Select(i => i.Repr()));
        return !IsTuple ? $"[{inner}]" : Items.Count == 1 ? $"({inner},)" : $"({inner})";
    }

    public override string Describe() => $"the {TypeName} {Repr()}";

    public bool Equals(PyList? other) => other is not null && IsTuple == other.IsTuple && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => Items.Aggregate(IsTuple ? 1 : 0, (hash, item) => HashCode.Combine(hash, item));
}

/// <summary>A dict; keys keep their first insertion order, as in Python.</summary>
internal sealed record PyDict(IReadOnlyList<KeyValuePair<PyValue, PyValue>> Entries) : PyValue
{
    public override string TypeName => "dict";
    public override string Repr() => "{" + string.Join(", ", Entries.Select(e => $"{e.Key.Repr()}: {e.Value.Repr()}")) + "}";
    public override string Describe() => $"the dict {Repr()}";

    public bool Equals(PyDict? other) => other is not null && Entries.SequenceEqual(other.Entries);

    public override int GetHashCode() => Entries.Aggregate(0, (hash, entry) => HashCode.Combine(hash, entry.Key, entry.Value));
}
