using Fleetbook.Inputs;

namespace Fleetbook.Configuration.DsImport;

/// <summary>
/// Recursive-descent parser for the part of Python a config.py uses: <c>NAME = expression</c> lines
/// and bare strings. Any other construct is reported where it starts, with what it is and a fix;
/// parsing then resumes at the next line so one run reports every bad line.
/// </summary>
internal sealed partial class PyParser
{
    private const int MaxDepth = 100;
    private const int MaxOperators = 1000;

    private static readonly HashSet<string> Keywords =
    [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else",
        "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
        "return", "try", "while", "with", "yield",
    ];

    private readonly IReadOnlyList<PyToken> _tokens;
    private readonly string _source;
    private readonly string _fileName;
    private readonly Func<string?, string> _example;
    private readonly List<PyAssignment> _assignments = [];
    private readonly List<InputProblem> _problems = [];
    private int _index;
    private int _depth;
    private int _operators;
    private string? _target;
    private bool _inBlock;

    private PyParser(string source, string fileName, Func<string?, string> example)
    {
        _source = source.StartsWith('\uFEFF') ? source[1..] : source;
        _tokens = PyTokenizer.Tokenize(source);
        _fileName = fileName;
        _example = example;
    }

    /// <summary><paramref name="example"/> gives an example assignment for a key (or for none), used in fixes: <c>APP_NAME = 'MyRun'</c>.</summary>
    public static PyModule Parse(string source, string fileName, Func<string?, string> example)
    {
        var parser = new PyParser(source, fileName, example);
        while (parser.Peek().Kind != PyTokenKind.EndOfFile)
        {
            parser.ParseStatement();
        }

        return new PyModule(parser._assignments, parser._problems);
    }

    public static bool IsKeyword(string name) => Keywords.Contains(name);

    private sealed class SyntaxProblem(int line, int column, string message, string? fix = null) : Exception(message)
    {
        public int Line { get; } = line;
        public int Column { get; } = column;
        public string? Fix { get; } = fix;
    }

    private PyToken Peek(int ahead = 0) => _tokens[Math.Min(_index + ahead, _tokens.Count - 1)];

    private PyToken Next() => _tokens[Math.Min(_index++, _tokens.Count - 1)];

    private string DefaultFix => $"write the value itself, e.g. {_example(_target)}.";

    private void ParseStatement()
    {
        var first = Peek();
        if (_inBlock && (first.Message == PyTokenizer.IndentMessage || first.Kind == PyTokenKind.Name && first.Text is "elif" or "else" or "except" or "finally"))
        {
            // The body and branches of an if/for/def already reported: one problem for the whole block, as Python gives.
            SkipStatement();
            return;
        }

        _inBlock = false;
        var skip = first.Kind == PyTokenKind.Error ? 1 : 0;
        _target = Peek(skip).Kind == PyTokenKind.Name && !IsKeyword(Peek(skip).Text) && Peek(skip + 1).Kind == PyTokenKind.Operator
            && Peek(skip + 1).Text is "=" or "+=" or "-=" or "*=" or "/=" or "//=" or "%=" or "**=" or ":"
            ? Peek(skip).Text
            : null;
        _depth = 0;
        _operators = 0;
        try
        {
            if (first.Kind == PyTokenKind.Error)
            {
                throw Problem(first);
            }

            if (_target is not null && Peek(1).IsOperator("="))
            {
                _index += 2;
                var start = Peek();
                var value = ParseExpressionList();
                ExpectEndOfStatement();
                _assignments.Add(new PyAssignment(first.Text, first.Line, first.Column, value, start.Line, start.Column));
            }
            else
            {
                ParseOtherStatement(first);
            }
        }
        catch (SyntaxProblem problem)
        {
            _problems.Add(new InputProblem(_fileName, problem.Line, problem.Column, _target, problem.Message, problem.Fix ?? DefaultFix));
            if (_target is not null)
            {
                _assignments.Add(new PyAssignment(_target, first.Line, first.Column, null));
            }
        }

        SkipStatement();
    }

    private void SkipStatement()
    {
        while (!Peek().EndsStatement)
        {
            _index++;
        }

        if (Peek().Kind == PyTokenKind.Newline)
        {
            _index++;
        }
    }

    private void ParseOtherStatement(PyToken first)
    {
        if (first.Kind == PyTokenKind.Name && IsKeyword(first.Text) && first.Text is not ("True" or "False" or "None" or "lambda" or "not" or "await"))
        {
            throw first.Text switch
            {
                "import" or "from" => new SyntaxProblem(first.Line, first.Column, "imports are not supported: Fleetbook reads config.py as data and does not run it.",
                    "remove the import and write each value itself, e.g. AWS_REGION = 'us-east-1'."),
                "if" or "elif" or "else" or "for" or "while" or "def" or "class" or "try" or "except" or "finally" or "with" or "async" =>
                    EnterBlock(first),
                _ => new SyntaxProblem(first.Line, first.Column, $"the '{first.Text}' statement is not supported: config.py may hold only NAME = value lines.", "remove the line."),
            };
        }

        if (_target is not null)
        {
            var op = Peek(1);
            throw op.Text == ":"
                ? new SyntaxProblem(op.Line, op.Column, "type annotations (NAME: type = value) are not supported.", $"drop the annotation: {_example(_target)}.")
                : new SyntaxProblem(op.Line, op.Column, $"augmented assignment ('{op.Text}') is not supported.",
                    $"write the whole value on one line, e.g. {_example(_target)}.");
        }

        var expression = ParseExpressionList();
        if (Peek().IsOperator("="))
        {
            throw new SyntaxProblem(first.Line, first.Column, $"only a plain name can be assigned, not {Snippet(first, Peek(-1))}.",
                "write one NAME = value line per setting, e.g. APP_NAME = 'MyRun'.");
        }

        ExpectEndOfStatement();
        if (expression is not PyLiteral { Value: PyStr })
        {
            throw new SyntaxProblem(first.Line, first.Column, "this line is a bare expression, not an assignment.", "assign it to a name (NAME = value) or remove the line.");
        }
    }

    private SyntaxProblem EnterBlock(PyToken keyword)
    {
        _inBlock = true;
        return new SyntaxProblem(keyword.Line, keyword.Column, $"'{keyword.Text}' blocks are not supported: Fleetbook reads config.py as data and does not run it.",
            "keep one plain NAME = value line per setting, e.g. APP_NAME = 'MyRun'.");
    }

    private void ExpectEndOfStatement()
    {
        var token = Peek();
        if (token.EndsStatement)
        {
            return;
        }

        throw token switch
        {
            { Kind: PyTokenKind.Error } => Problem(token),
            _ when token.IsOperator("=") => new SyntaxProblem(token.Line, token.Column, "chained assignment (A = B = value) is not supported.",
                "write each assignment on its own line: A = value, then B = A."),
            _ when token.IsOperator(";") => new SyntaxProblem(token.Line, token.Column, "several statements on one line (separated by ';') are not supported.",
                "put each assignment on its own line."),
            _ => new SyntaxProblem(token.Line, token.Column, $"unexpected {token.Describe()} after the value.",
                "join values with an operator such as +, separate list items with commas, or start a new line for the next setting."),
        };
    }

    private void Enter(PyToken token)
    {
        if (++_depth > MaxDepth)
        {
            throw new SyntaxProblem(token.Line, token.Column, "this value is nested too deeply.", DefaultFix);
        }
    }

    private PyToken CountOperator(PyToken op) => ++_operators > MaxOperators
        ? throw new SyntaxProblem(op.Line, op.Column, $"this value has more than {MaxOperators} operators.", DefaultFix)
        : op;

    private static SyntaxProblem Problem(PyToken error) => new(error.Line, error.Column, error.Message!, error.Fix);

    private string Snippet(PyToken first, PyToken last)
    {
        var text = _source[first.Start..Math.Max(first.Start, last.End)].ReplaceLineEndings(" ");
        return text.Length <= 40 ? text : text[..39] + "…";
    }
}
