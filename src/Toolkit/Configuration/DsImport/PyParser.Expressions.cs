using System.Text;

namespace Fleetbook.Configuration.DsImport;

/// <summary>Expressions: operators by Python precedence, atoms, and the constructs beyond them that are reported.</summary>
internal sealed partial class PyParser
{
    /// <summary>An expression, or a tuple when commas separate several (<c>X = 1, 2</c>).</summary>
    private PyExpr ParseExpressionList()
    {
        var first = ParseExpression();
        if (!Peek().IsOperator(","))
        {
            return first;
        }

        var items = new List<PyExpr> { first };
        while (Peek().IsOperator(","))
        {
            _index++;
            if (Peek().EndsStatement || Peek().IsOperator("="))
            {
                break;
            }

            items.Add(ParseExpression());
        }

        return new PySequence(items, IsTuple: true, first.Line, first.Column);
    }

    private PyExpr ParseExpression()
    {
        var expression = ParseArithmetic();
        var token = Peek();
        if (token.IsName("if"))
        {
            throw new SyntaxProblem(token.Line, token.Column, "conditional expressions (a if condition else b) are not supported.", DefaultFix);
        }

        if (token.Kind == PyTokenKind.Name && token.Text is "and" or "or" or "not" or "in" or "is"
            || token.Kind == PyTokenKind.Operator && token.Text is "==" or "!=" or "<" or ">" or "<=" or ">=")
        {
            throw new SyntaxProblem(token.Line, token.Column, $"comparisons and boolean operators ('{token.Text}') are not supported.",
                "write the result itself; booleans are written 'True' or 'False'.");
        }

        if (token.Kind == PyTokenKind.Operator && token.Text is "&" or "|" or "^" or "<<" or ">>" or ":=" or "**=")
        {
            throw new SyntaxProblem(token.Line, token.Column, $"the operator '{token.Text}' is not supported (only + - * / // % are).", DefaultFix);
        }

        return expression;
    }

    private PyExpr ParseArithmetic()
    {
        var left = ParseTerm();
        while (Peek().Kind == PyTokenKind.Operator && Peek().Text is "+" or "-")
        {
            var op = CountOperator(Next());
            left = new PyBinary(op.Text, left, ParseTerm(), op.Line, op.Column);
        }

        return left;
    }

    private PyExpr ParseTerm()
    {
        var left = ParseFactor();
        while (Peek().Kind == PyTokenKind.Operator && Peek().Text is "*" or "/" or "//" or "%" or "@")
        {
            var op = CountOperator(Next());
            if (op.Text == "@")
            {
                throw new SyntaxProblem(op.Line, op.Column, "the operator '@' is not supported (only + - * / // % are).", DefaultFix);
            }

            left = new PyBinary(op.Text, left, ParseFactor(), op.Line, op.Column);
        }

        return left;
    }

    private PyExpr ParseFactor()
    {
        var token = Peek();
        if (token.Kind == PyTokenKind.Operator && token.Text is "-" or "+")
        {
            _index++;
            Enter(token);
            var operand = ParseFactor();
            _depth--;
            return new PyUnary(token.Text, operand, token.Line, token.Column);
        }

        if (token.IsOperator("~"))
        {
            throw new SyntaxProblem(token.Line, token.Column, "the operator '~' is not supported (only + - * / // % are).", DefaultFix);
        }

        var primary = ParsePrimary();
        if (Peek().IsOperator("**"))
        {
            throw new SyntaxProblem(Peek().Line, Peek().Column, "the power operator ** is not supported.", "write the computed number, such as 1024 instead of 2**10.");
        }

        return primary;
    }

    /// <summary>An atom; a call, index or attribute after it is reported as what it is.</summary>
    private PyExpr ParsePrimary()
    {
        var first = Peek();
        var atom = ParseAtom();
        var trailer = Peek();
        if (trailer.Kind != PyTokenKind.Operator || trailer.Text is not ("(" or "[" or "."))
        {
            return atom;
        }

        var text = Snippet(first, Peek(-1));
        var (what, fix) = trailer.Text switch
        {
            "(" => ($"a function call ({text}(…))", DefaultFix),
            "[" => ($"indexing ({text}[…])", DefaultFix),
            _ => ($"attribute access ({text}.{(Peek(1).Kind == PyTokenKind.Name ? Peek(1).Text : "…")})",
                text == "os" ? $"write the value itself instead of reading the environment, e.g. {_example(_target)}." : DefaultFix),
        };
        throw new SyntaxProblem(first.Line, first.Column, $"{what} is not supported: Fleetbook reads config.py as data and does not run it.", fix);
    }

    private PyExpr ParseAtom()
    {
        var token = Peek();
        switch (token.Kind)
        {
            case PyTokenKind.String:
                var text = new StringBuilder();
                while (Peek().Kind == PyTokenKind.String)
                {
                    text.Append(((PyStr)Next().Value!).Value);
                }

                if (Peek().Kind == PyTokenKind.Error)
                {
                    throw Problem(Peek());
                }

                return new PyLiteral(new PyStr(text.ToString()), token.Line, token.Column);
            case PyTokenKind.Number:
                _index++;
                return new PyLiteral(token.Value!, token.Line, token.Column);
            case PyTokenKind.Error:
                throw Problem(token);
            case PyTokenKind.Newline or PyTokenKind.EndOfFile:
                throw new SyntaxProblem(token.Line, token.Column, "a value is missing here.", DefaultFix);
            case PyTokenKind.Name:
                return ParseName(token);
        }

        Enter(token);
        PyExpr result = token.Text switch
        {
            "(" => ParseParenthesized(),
            "[" => ParseList(),
            "{" => ParseDict(),
            "*" or "**" => throw new SyntaxProblem(token.Line, token.Column, $"unpacking with '{token.Text}' is not supported.", DefaultFix),
            ")" or "]" or "}" => throw new SyntaxProblem(token.Line, token.Column, $"a value is missing before this '{token.Text}'.", DefaultFix),
            _ => throw new SyntaxProblem(token.Line, token.Column, $"a value cannot start with '{token.Text}'.", DefaultFix),
        };
        _depth--;
        return result;
    }

    private PyExpr ParseName(PyToken token)
    {
        _index++;
        switch (token.Text)
        {
            case "True" or "False":
                return new PyLiteral(token.Text == "True" ? PyBool.True : PyBool.False, token.Line, token.Column);
            case "None":
                return new PyLiteral(PyNone.Instance, token.Line, token.Column);
            case "lambda":
                throw new SyntaxProblem(token.Line, token.Column, "lambda functions are not supported: Fleetbook reads config.py as data and does not run it.", DefaultFix);
            case "not":
                throw new SyntaxProblem(token.Line, token.Column, "boolean operators ('not') are not supported.", "write the result itself; booleans are written 'True' or 'False'.");
            case var keyword when IsKeyword(keyword):
                throw new SyntaxProblem(token.Line, token.Column, $"the keyword '{keyword}' cannot appear in a value.", DefaultFix);
            default:
                return new PyNameRef(token.Text, token.Line, token.Column);
        }
    }
}
