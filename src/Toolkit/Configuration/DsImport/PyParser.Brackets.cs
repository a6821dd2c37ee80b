namespace Fleetbook.Configuration.DsImport;

/// <summary>Bracketed values: tuples, lists and dicts, with trailing commas and unclosed-bracket reports.</summary>
internal sealed partial class PyParser
{
    private PyExpr ParseParenthesized()
    {
        var opener = Next();
        if (Peek().IsOperator(")"))
        {
            _index++;
            return new PySequence([], IsTuple: true, opener.Line, opener.Column);
        }

        var first = ParseItem();
        RejectComprehension(opener);
        if (Peek().IsOperator(")"))
        {
            _index++;
            return first;
        }

        var items = new List<PyExpr> { first };
        ParseMoreItems(opener, ")", items);
        return new PySequence(items, IsTuple: true, opener.Line, opener.Column);
    }

    private PyExpr ParseList()
    {
        var opener = Next();
        var items = new List<PyExpr>();
        if (!Peek().IsOperator("]"))
        {
            items.Add(ParseItem());
            RejectComprehension(opener);
            if (!Peek().IsOperator("]"))
            {
                ParseMoreItems(opener, "]", items);
                return new PySequence(items, IsTuple: false, opener.Line, opener.Column);
            }
        }

        _index++;
        return new PySequence(items, IsTuple: false, opener.Line, opener.Column);
    }

    /// <summary>After the first item: <c>, item</c> repeated, an optional trailing comma, then the closer.</summary>
    private void ParseMoreItems(PyToken opener, string closer, List<PyExpr> items)
    {
        while (true)
        {
            if (Peek().IsOperator(closer))
            {
                _index++;
                return;
            }

            if (!Peek().IsOperator(","))
            {
                throw Unexpected(opener, $"',' or '{closer}'");
            }

            _index++;
            if (Peek().IsOperator(closer))
            {
                continue;
            }

            items.Add(ParseItem());
        }
    }

    private PyExpr ParseItem()
    {
        var token = Peek();
        if (token.Kind == PyTokenKind.Operator && token.Text is "*" or "**")
        {
            throw new SyntaxProblem(token.Line, token.Column, $"unpacking with '{token.Text}' is not supported.", "write the items out one by one.");
        }

        return ParseExpression();
    }

    private PyExpr ParseDict()
    {
        var opener = Next();
        var entries = new List<KeyValuePair<PyExpr, PyExpr>>();
        while (!Peek().IsOperator("}"))
        {
            var key = ParseItem();
            RejectComprehension(opener);
            if (!Peek().IsOperator(":"))
            {
                if (entries.Count == 0 && Peek().Kind == PyTokenKind.Operator && Peek().Text is "," or "}")
                {
                    throw new SyntaxProblem(opener.Line, opener.Column, "sets ({a, b}) are not supported.", "use a list instead: [a, b].");
                }

                throw Unexpected(opener, "':'");
            }

            _index++;
            entries.Add(new(key, ParseExpression()));
            RejectComprehension(opener);
            if (Peek().IsOperator(","))
            {
                _index++;
            }
            else if (!Peek().IsOperator("}"))
            {
                throw Unexpected(opener, "',' or '}'");
            }
        }

        _index++;
        return new PyDictDisplay(entries, opener.Line, opener.Column);
    }

    private void RejectComprehension(PyToken opener)
    {
        if (Peek().IsName("for") || Peek().IsName("async"))
        {
            throw new SyntaxProblem(opener.Line, opener.Column, "comprehensions ([x for x in …]) are not supported: Fleetbook reads config.py as data and does not run it.",
                "write the items out, e.g. MACHINE_TYPE = ['m5.xlarge', 'm5.2xlarge'].");
        }
    }

    private SyntaxProblem Unexpected(PyToken opener, string expected)
    {
        var token = Peek();
        if (token.Kind == PyTokenKind.Error)
        {
            return Problem(token);
        }

        // A NAME = at the start of a later line means the bracket was left open, as Python reports it.
        if (token.Kind == PyTokenKind.EndOfFile || (token.Kind == PyTokenKind.Name && Peek(1).IsOperator("=") && token.Line > opener.Line))
        {
            return new SyntaxProblem(opener.Line, opener.Column, $"the '{opener.Text}' is never closed.",
                $"close it with '{(opener.Text == "[" ? "]" : opener.Text == "(" ? ")" : "}")}' after its last item.");
        }

        return new SyntaxProblem(token.Line, token.Column, $"expected {expected} here, found {token.Describe()}.",
            $"separate items with commas and close the '{opener.Text}' opened at line {opener.Line}, column {opener.Column}.");
    }
}
