using Fleetbook.Inputs;

namespace Fleetbook.Configuration.DsImport;

/// <summary>A name's final value, where it was assigned and where its value starts.</summary>
internal sealed record PyBinding(string Name, PyValue Value, int Line, int Column, int ValueLine, int ValueColumn);

/// <summary>
/// The outcome of running config.py: every successfully assigned name in first-assignment order with its
/// last value (as Python's module globals keep them), the names whose last assignment failed (each
/// already has a problem), and the problems.
/// </summary>
internal sealed record PyEvaluation(IReadOnlyList<PyBinding> Bindings, IReadOnlySet<string> Failed, IReadOnlyList<InputProblem> Problems);

/// <summary>Runs the assignments of a parsed config.py in order, as <c>from config import *</c> would.</summary>
internal sealed class PyEvaluator
{
    private readonly PyModule _module;
    private readonly string _fileName;
    private readonly Func<string?, string> _example;
    private readonly Dictionary<string, PyValue> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _failed = new(StringComparer.Ordinal);
    private int _current;

    private PyEvaluator(PyModule module, string fileName, Func<string?, string> example)
    {
        _module = module;
        _fileName = fileName;
        _example = example;
    }

    private sealed class EvalProblem(int line, int column, string message, string fix) : Exception(message)
    {
        public int Line { get; } = line;
        public int Column { get; } = column;
        public string Fix { get; } = fix;
    }

    /// <summary>Thrown when a value uses a name whose own assignment failed: that failure is the one to report.</summary>
    private sealed class DependsOnFailure : Exception;

    /// <summary>Parses and evaluates config.py text. <paramref name="example"/> gives an example assignment for a key, used in fixes.</summary>
    public static PyEvaluation Run(string source, string fileName, Func<string?, string>? example = null)
    {
        example ??= name => $"{name ?? "APP_NAME"} = 'MyRun'";
        return new PyEvaluator(PyParser.Parse(source, fileName, example), fileName, example).Evaluate();
    }

    private PyEvaluation Evaluate()
    {
        var problems = new List<InputProblem>(_module.Problems);
        var bindings = new OrderedDictionary<string, PyBinding>(StringComparer.Ordinal);
        for (_current = 0; _current < _module.Assignments.Count; _current++)
        {
            var assignment = _module.Assignments[_current];
            try
            {
                if (assignment.Value is null)
                {
                    throw new DependsOnFailure();
                }

                var value = Evaluate(assignment.Value);
                _values[assignment.Name] = value;
                _failed.Remove(assignment.Name);
                bindings[assignment.Name] = new PyBinding(assignment.Name, value, assignment.Line, assignment.Column, assignment.ValueLine, assignment.ValueColumn);
            }
            catch (Exception ex) when (ex is EvalProblem or DependsOnFailure)
            {
                if (ex is EvalProblem problem)
                {
                    problems.Add(new InputProblem(_fileName, problem.Line, problem.Column, assignment.Name, problem.Message, problem.Fix));
                }

                _values.Remove(assignment.Name);
                _failed.Add(assignment.Name);
                bindings.Remove(assignment.Name);
            }
        }

        return new PyEvaluation([.. bindings.Values], _failed, problems);
    }

    private PyValue Evaluate(PyExpr expression)
    {
        switch (expression)
        {
            case PyLiteral literal:
                return literal.Value;
            case PyNameRef name:
                return Lookup(name);
            case PyUnary unary:
                var operand = Evaluate(unary.Operand);
                return Apply(unary, () => PyOperators.Unary(unary.Operator, operand));
            case PyBinary binary:
                var left = Evaluate(binary.Left);
                var right = Evaluate(binary.Right);
                return Apply(binary, () => PyOperators.Binary(binary.Operator, left, right));
            case PySequence sequence:
                return new PyList([.. sequence.Items.Select(Evaluate)], sequence.IsTuple);
            case PyDictDisplay dict:
                return EvaluateDict(dict);
            default:
                throw new InvalidOperationException($"Unknown expression {expression.GetType().Name}.");
        }
    }

    private PyValue Apply(PyExpr at, Func<PyValue> operation)
    {
        try
        {
            return operation();
        }
        catch (PyRuntimeError error)
        {
            throw new EvalProblem(at.Line, at.Column, error.Message, error.Fix);
        }
    }

    private PyDict EvaluateDict(PyDictDisplay dict)
    {
        var entries = new List<KeyValuePair<PyValue, PyValue>>();
        foreach (var (keyExpression, valueExpression) in dict.Entries)
        {
            var key = Evaluate(keyExpression);
            var value = Evaluate(valueExpression);
            if (!PyOperators.IsHashable(key))
            {
                throw new EvalProblem(keyExpression.Line, keyExpression.Column, $"{key.Describe()} cannot be a dict key (Python raises TypeError: unhashable type: '{key.TypeName}').",
                    "use text, a number or a tuple as the key.");
            }

            var existing = entries.FindIndex(e => PyOperators.KeyEquals(e.Key, key));
            if (existing >= 0)
            {
                entries[existing] = new(entries[existing].Key, value);
            }
            else
            {
                entries.Add(new(key, value));
            }
        }

        return new PyDict(entries);
    }

    private PyValue Lookup(PyNameRef name)
    {
        if (_values.TryGetValue(name.Name, out var value))
        {
            return value;
        }

        if (_failed.Contains(name.Name))
        {
            throw new DependsOnFailure();
        }

        var target = _module.Assignments[_current].Name;
        var later = _module.Assignments.Skip(_current + 1).FirstOrDefault(a => a.Name == name.Name);
        string fix;
        if (later is not null)
        {
            fix = $"move this line below line {later.Line}, where {name.Name} is assigned (config.py runs from top to bottom).";
        }
        else if (NearestName.Suggest(name.Name, _values.Keys) is { } near)
        {
            fix = $"did you mean '{near}'? Write {near} (names are case-sensitive).";
        }
        else
        {
            fix = $"assign {name.Name} on a line above, or write the value itself, e.g. {_example(target)}.";
        }

        throw new EvalProblem(name.Line, name.Column, $"the name '{name.Name}' is not defined above this line (Python raises NameError).", fix);
    }
}
