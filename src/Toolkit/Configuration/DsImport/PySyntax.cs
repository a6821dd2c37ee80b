using Fleetbook.Inputs;

namespace Fleetbook.Configuration.DsImport;

/// <summary>An expression of config.py; the position is where a problem with it is reported.</summary>
internal abstract record PyExpr(int Line, int Column);

internal sealed record PyLiteral(PyValue Value, int Line, int Column) : PyExpr(Line, Column);

internal sealed record PyNameRef(string Name, int Line, int Column) : PyExpr(Line, Column);

/// <summary>Unary <c>-</c> or <c>+</c>; the position is the operator's.</summary>
internal sealed record PyUnary(string Operator, PyExpr Operand, int Line, int Column) : PyExpr(Line, Column);

/// <summary><c>+ - * / // %</c>; the position is the operator's, so a type error points at the operation that failed.</summary>
internal sealed record PyBinary(string Operator, PyExpr Left, PyExpr Right, int Line, int Column) : PyExpr(Line, Column);

internal sealed record PySequence(IReadOnlyList<PyExpr> Items, bool IsTuple, int Line, int Column) : PyExpr(Line, Column);

internal sealed record PyDictDisplay(IReadOnlyList<KeyValuePair<PyExpr, PyExpr>> Entries, int Line, int Column) : PyExpr(Line, Column);

/// <summary>
/// <c>NAME = value</c>, with where the name and the value start. <see cref="Value"/> is null when the line could not be
/// parsed (its problem is already reported).
/// </summary>
internal sealed record PyAssignment(string Name, int Line, int Column, PyExpr? Value, int ValueLine = 0, int ValueColumn = 0);

internal sealed record PyModule(IReadOnlyList<PyAssignment> Assignments, IReadOnlyList<InputProblem> Problems);
