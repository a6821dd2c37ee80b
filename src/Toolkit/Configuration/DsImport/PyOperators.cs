using System.Numerics;

namespace Fleetbook.Configuration.DsImport;

/// <summary>A Python run-time error (TypeError, ZeroDivisionError, …) raised by an operator, with a fix for config.py.</summary>
internal sealed class PyRuntimeError(string message, string fix) : Exception(message)
{
    public string Fix { get; } = fix;
}

/// <summary>Python's semantics for <c>+ - * / // %</c> and unary <c>- +</c> on the values a config can hold.</summary>
internal static class PyOperators
{
    private const int MaxRepeatedLength = 1_000_000;

    public static PyValue Unary(string op, PyValue operand) => (op, Numeric(operand)) switch
    {
        ("-", PyInt i) => new PyInt(-i.Value),
        ("-", PyFloat f) => new PyFloat(-f.Value),
        ("+", PyValue number and (PyInt or PyFloat)) => number,
        _ => throw new PyRuntimeError($"unary '{op}' cannot apply to {operand.Describe()} (Python raises TypeError: bad operand type for unary {op}: '{operand.TypeName}').",
            "apply it to a number only, or write the value itself."),
    };

    public static PyValue Binary(string op, PyValue left, PyValue right)
    {
        var (a, b) = (Numeric(left), Numeric(right));
        if (a is PyInt or PyFloat && b is PyInt or PyFloat)
        {
            return a is PyInt x && b is PyInt y ? IntegerArithmetic(op, x.Value, y.Value) : FloatArithmetic(op, ToDouble(a), ToDouble(b));
        }

        return (op, left, right) switch
        {
            ("+", PyStr x, PyStr y) => new PyStr(x.Value + y.Value),
            ("+", PyList x, PyList y) when x.IsTuple == y.IsTuple => new PyList([.. x.Items, .. y.Items], x.IsTuple),
            ("*", PyStr or PyList, _) when b is PyInt count => Repeat(left, count.Value),
            ("*", _, PyStr or PyList) when a is PyInt count => Repeat(right, count.Value),
            ("%", PyStr, _) => throw new PyRuntimeError("formatting text with % ('…%s…' % value) is not supported.",
                "join text with +, such as APP_NAME + 'Queue', or write the finished text."),
            _ => throw TypeError(op, left, right),
        };
    }

    /// <summary>Python's == for dict keys: 1, 1.0 and True are the same key.</summary>
    public static bool KeyEquals(PyValue left, PyValue right) => (Numeric(left), Numeric(right)) switch
    {
        (PyInt x, PyInt y) => x.Value == y.Value,
        (PyInt or PyFloat, PyInt or PyFloat) => ToDouble(Numeric(left)) == ToDouble(Numeric(right)),
        (PyList x, PyList y) => x.IsTuple == y.IsTuple && x.Items.Count == y.Items.Count && x.Items.Zip(y.Items).All(p => KeyEquals(p.First, p.Second)),
        _ => left.Equals(right),
    };

    public static bool IsHashable(PyValue value) => value switch
    {
        PyDict => false,
        PyList list => list.IsTuple && list.Items.All(IsHashable),
        _ => true,
    };

    /// <summary>True and False take part in arithmetic as 1 and 0.</summary>
    private static PyValue Numeric(PyValue value) => value is PyBool b ? new PyInt(b.Value ? 1 : 0) : value;

    private static PyValue IntegerArithmetic(string op, BigInteger x, BigInteger y)
    {
        switch (op)
        {
            case "+": return new PyInt(x + y);
            case "-": return new PyInt(x - y);
            case "*": return new PyInt(x * y);
            case "/":
                CheckDivisor(y.IsZero, op);
                return new PyFloat(ToDouble(new PyInt(x)) / ToDouble(new PyInt(y)));
        }

        CheckDivisor(y.IsZero, op);
        var quotient = BigInteger.DivRem(x, y, out var remainder);
        if (!remainder.IsZero && (remainder.Sign < 0) != (y.Sign < 0))
        {
            quotient -= 1;
            remainder += y;
        }

        return new PyInt(op == "//" ? quotient : remainder);
    }

    /// <summary>CPython's float_div, float_floor_div and float_rem, so results match to the last bit.</summary>
    private static PyFloat FloatArithmetic(string op, double x, double y)
    {
        switch (op)
        {
            case "+": return new PyFloat(x + y);
            case "-": return new PyFloat(x - y);
            case "*": return new PyFloat(x * y);
            case "/":
                CheckDivisor(y == 0, op);
                return new PyFloat(x / y);
        }

        CheckDivisor(y == 0, op);
        var mod = x % y;
        var div = (x - mod) / y;
        if (mod != 0)
        {
            if ((y < 0) != (mod < 0))
            {
                mod += y;
                div -= 1.0;
            }
        }
        else
        {
            mod = Math.CopySign(0.0, y);
        }

        if (op == "%")
        {
            return new PyFloat(mod);
        }

        double floor;
        if (div != 0)
        {
            floor = Math.Floor(div);
            if (div - floor > 0.5)
            {
                floor += 1.0;
            }
        }
        else
        {
            floor = Math.CopySign(0.0, x / y);
        }

        return new PyFloat(floor);
    }

    private static void CheckDivisor(bool isZero, string op)
    {
        if (isZero)
        {
            throw new PyRuntimeError($"division by zero ('{op}' with 0 on the right; Python raises ZeroDivisionError).", "divide by a number other than 0, or write the value itself.");
        }
    }

    private static double ToDouble(PyValue number)
    {
        if (number is PyFloat f)
        {
            return f.Value;
        }

        var value = (double)((PyInt)number).Value;
        return double.IsInfinity(value)
            ? throw new PyRuntimeError("this whole number is too large to turn into a decimal number (Python raises OverflowError).", "use a smaller number.")
            : value;
    }

    private static PyValue Repeat(PyValue sequence, BigInteger count)
    {
        var length = sequence is PyStr s ? s.Value.Length : ((PyList)sequence).Items.Count;
        var times = count.Sign <= 0 ? 0 : count;
        if (times * length > MaxRepeatedLength)
        {
            throw new PyRuntimeError($"repeating {sequence.TypeName} {count} times makes a value too large for a config.", "write the value itself.");
        }

        var n = (int)times;
        return sequence is PyStr text
            ? new PyStr(string.Concat(Enumerable.Repeat(text.Value, n)))
            : new PyList([.. Enumerable.Repeat(((PyList)sequence).Items, n).SelectMany(i => i)], ((PyList)sequence).IsTuple);
    }

    private static PyRuntimeError TypeError(string op, PyValue left, PyValue right)
    {
        var python = op switch
        {
            "+" when left is PyStr or PyList => $"can only concatenate {left.TypeName} (not \"{right.TypeName}\") to {left.TypeName}",
            "*" when left is PyStr or PyList || right is PyStr or PyList => $"can't multiply sequence by non-int of type '{(left is PyStr or PyList ? right : left).TypeName}'",
            _ => $"unsupported operand type(s) for {op}: '{left.TypeName}' and '{right.TypeName}'",
        };
        var fix = (op, left, right) switch
        {
            ("+", PyStr, PyInt or PyFloat) => $"put the number in quotes so both sides are text, e.g. {left.Repr()} + '{right.Repr()}'.",
            ("+", PyInt or PyFloat, PyStr) => $"put the number in quotes so both sides are text, e.g. '{left.Repr()}' + {right.Repr()}.",
            ("*", _, _) => "repeat text or a list by a whole number only, such as 'ab' * 2, or write the value itself.",
            _ => $"use '{op}' on numbers only, or write the value itself.",
        };
        return new PyRuntimeError($"'{op}' cannot combine {left.Describe()} and {right.Describe()} (Python raises TypeError: {python}).", fix);
    }
}
