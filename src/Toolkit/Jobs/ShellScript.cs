using System.Text;

namespace Fleetbook.Jobs;

/// <summary>
/// Reads a <c>"shell": true</c> command (its elements joined with spaces, as the worker runs it) the way
/// <c>/bin/sh</c> reads it, just far enough to know where each placeholder sits: unquoted, in double or single quotes,
/// in a here-document, or somewhere no value can go in faithfully. Values never become shell text (see
/// <see cref="ShellCommand"/>), so a place misjudged here can garble a value but cannot run it.
/// </summary>
internal sealed class ShellScript
{
    private static readonly string[] Keywords = ["if", "then", "else", "elif", "fi", "do", "done", "case", "esac", "while", "until", "for", "in", "function", "select", "time", "!", "{", "}", "[[", "]]"];

    private readonly List<Cell> _cells;
    private readonly Stack<Frame> _stack = new();
    private readonly Dictionary<int, ShellHole> _decided = [];
    private Refusal? _refuseNextHole;
    private int _at;

    private ShellScript(IReadOnlyList<Template> command)
    {
        _cells = Cells(command);
        _stack.Push(new Frame(FrameKind.Script, 0));
    }

    private enum FrameKind
    {
        Script,
        CommandSubstitution,
        DoubleQuotes,
        SingleQuotes,
        DollarQuotes,
        Backquotes,
        Comment,
        Parameter,
        Arithmetic,
        HereDocument,
    }

    private enum Refusal
    {
        AfterDollar,
        AfterBackslash,
        HereDocumentDelimiter,
    }

    /// <summary>Where every placeholder of <paramref name="command"/> sits, in script order, and any quote left open.</summary>
    public static ShellAnalysis Analyze(IReadOnlyList<Template> command)
    {
        var script = new ShellScript(command);
        script.Run();
        return new ShellAnalysis(script.Holes(), script.Unclosed());
    }

    /// <summary>
    /// The program the script starts with when its first word is a plain name or path (<c>printf</c>, <c>./run.sh</c>);
    /// null when it starts with a keyword, an assignment, a quote, an expansion or a placeholder.
    /// </summary>
    public static string? FirstCommand(IReadOnlyList<Template> command)
    {
        var text = new StringBuilder();
        foreach (var cell in Cells(command))
        {
            text.Append(cell.Hole is null ? cell.Char : '\0');
        }

        var script = text.ToString().TrimStart(' ', '\t', '\n');
        var end = script.IndexOfAny([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')']);
        var word = end < 0 ? script : script[..end];
        var plain = word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/' or '+' or ',' or '@' or '%' or ':');
        return plain && !Keywords.Contains(word) ? word : null;
    }

    /// <summary>Builtins of every POSIX sh: they need no program on PATH.</summary>
    public static bool IsBuiltin(string word) => word is "printf" or "echo" or "cd" or "test" or "[" or ":" or "true" or "false" or "exec" or "eval"
        or "set" or "export" or "." or "read" or "exit" or "trap" or "umask" or "wait" or "shift" or "unset" or "alias" or "command" or "type"
        or "ulimit" or "kill" or "pwd" or "times" or "return" or "break" or "continue" or "readonly" or "getopts" or "hash" or "local";

    private static List<Cell> Cells(IReadOnlyList<Template> command)
    {
        var cells = new List<Cell>();
        for (var argument = 0; argument < command.Count; argument++)
        {
            if (argument > 0)
            {
                cells.Add(new Cell(' ', null, argument));
            }

            foreach (var (literal, placeholder) in command[argument].Parts)
            {
                if (literal is not null)
                {
                    cells.AddRange(literal.Select(c => new Cell(c, null, argument)));
                }
                else
                {
                    cells.Add(new Cell('\0', placeholder, argument));
                }
            }
        }

        return cells;
    }

    private Frame Top => _stack.Peek();

    private char CharAt(int index) => index < _cells.Count && _cells[index].Hole is null ? _cells[index].Char : '\0';

    private bool HoleAt(int index) => index < _cells.Count && _cells[index].Hole is not null;

    private void Run()
    {
        while (_at < _cells.Count)
        {
            var frame = Top;
            if (frame.Kind == FrameKind.HereDocument && frame.AtLineStart)
            {
                frame.AtLineStart = false;
                if (EndsHereDocument(frame))
                {
                    continue;
                }
            }

            if (HoleAt(_at))
            {
                Decide(_at);
                frame.WordStart = false;
                _at++;
                continue;
            }

            switch (frame.Kind)
            {
                case FrameKind.Script or FrameKind.CommandSubstitution:
                    Command(frame);
                    break;
                case FrameKind.DoubleQuotes:
                    DoubleQuoted();
                    break;
                case FrameKind.HereDocument:
                    HereDocumentBody(frame);
                    break;
                case FrameKind.SingleQuotes:
                    Closing('\'', escapes: false);
                    break;
                case FrameKind.DollarQuotes:
                    Closing('\'', escapes: true);
                    break;
                case FrameKind.Backquotes:
                    Closing('`', escapes: true);
                    break;
                case FrameKind.Comment:
                    if (CharAt(_at) == '\n')
                    {
                        _stack.Pop();
                    }
                    else
                    {
                        _at++;
                    }

                    break;
                case FrameKind.Parameter:
                    Parameter(frame);
                    break;
                case FrameKind.Arithmetic:
                    Arithmetic(frame);
                    break;
            }
        }
    }

    /// <summary>Unquoted shell text: the script itself or the inside of <c>$(…)</c>.</summary>
    private void Command(Frame frame)
    {
        var c = CharAt(_at);
        switch (c)
        {
            case '\\':
                Backslash(_ => true);
                frame.WordStart = false;
                return;
            case '\'':
                Open(frame, FrameKind.SingleQuotes, 1);
                return;
            case '"':
                Open(frame, FrameKind.DoubleQuotes, 1);
                return;
            case '`':
                Open(frame, FrameKind.Backquotes, 1);
                return;
            case '$':
                frame.WordStart = false;
                Dollar(quotesAllowed: true);
                return;
            case '#' when frame.WordStart:
                _stack.Push(new Frame(FrameKind.Comment, _cells[_at].Argument));
                _at++;
                return;
            case '<' when CharAt(_at + 1) == '<' && CharAt(_at + 2) == '<':
                _at += 3;
                frame.WordStart = true;
                return;
            case '<' when CharAt(_at + 1) == '<':
                HereDocumentOperator(frame);
                return;
            case '(' when frame.WordStart && CharAt(_at + 1) == '(':
                Open(frame, FrameKind.Arithmetic, 2);
                return;
            case '(':
                frame.Depth++;
                frame.WordStart = true;
                _at++;
                return;
            case ')':
                _at++;
                if (frame.Depth > 0)
                {
                    frame.Depth--;
                }
                else if (frame.CaseDepth == 0 && frame.Kind == FrameKind.CommandSubstitution)
                {
                    _stack.Pop();
                    return;
                }

                frame.WordStart = true;
                return;
            case '\n':
                _at++;
                frame.WordStart = true;
                if (frame.PendingHereDocuments.Count > 0)
                {
                    StartHereDocument(frame);
                }

                return;
            case ' ' or '\t' or ';' or '&' or '|' or '<' or '>':
                _at++;
                frame.WordStart = true;
                return;
            default:
                if (frame.WordStart && WordAt("case"))
                {
                    frame.CaseDepth++;
                    _at += 4;
                }
                else if (frame.WordStart && WordAt("esac"))
                {
                    frame.CaseDepth = Math.Max(0, frame.CaseDepth - 1);
                    _at += 4;
                }
                else
                {
                    _at++;
                }

                frame.WordStart = false;
                return;
        }
    }

    private void DoubleQuoted()
    {
        switch (CharAt(_at))
        {
            case '\\':
                Backslash(next => next is '$' or '`' or '"' or '\\' or '\n');
                return;
            case '"':
                _stack.Pop();
                _at++;
                return;
            case '$':
                Dollar(quotesAllowed: false);
                return;
            case '`':
                Open(Top, FrameKind.Backquotes, 1);
                return;
            default:
                _at++;
                return;
        }
    }

    /// <summary>A here-document's body: literal when its delimiter was quoted, else read as inside double quotes (but '"' is plain).</summary>
    private void HereDocumentBody(Frame frame)
    {
        var c = CharAt(_at);
        if (c == '\n')
        {
            frame.AtLineStart = true;
            _at++;
            return;
        }

        if (frame.Quoted)
        {
            _at++;
            return;
        }

        switch (c)
        {
            case '\\':
                Backslash(next => next is '$' or '`' or '\\' or '\n');
                return;
            case '$':
                Dollar(quotesAllowed: false);
                return;
            case '`':
                Open(frame, FrameKind.Backquotes, 1);
                return;
            default:
                _at++;
                return;
        }
    }

    private void Parameter(Frame frame)
    {
        switch (CharAt(_at))
        {
            case '\\':
                Backslash(_ => true);
                return;
            case '\'':
                Open(frame, FrameKind.SingleQuotes, 1);
                return;
            case '"':
                Open(frame, FrameKind.DoubleQuotes, 1);
                return;
            case '`':
                Open(frame, FrameKind.Backquotes, 1);
                return;
            case '$':
                Dollar(quotesAllowed: true);
                return;
            case '{':
                frame.Depth++;
                _at++;
                return;
            case '}':
                _at++;
                if (frame.Depth == 0)
                {
                    _stack.Pop();
                }
                else
                {
                    frame.Depth--;
                }

                return;
            default:
                _at++;
                return;
        }
    }

    private void Arithmetic(Frame frame)
    {
        switch (CharAt(_at))
        {
            case '\\':
                Backslash(_ => true);
                return;
            case '$':
                Dollar(quotesAllowed: true);
                return;
            case '`':
                Open(frame, FrameKind.Backquotes, 1);
                return;
            case '(':
                frame.Depth++;
                _at++;
                return;
            case ')' when frame.Depth > 0:
                frame.Depth--;
                _at++;
                return;
            case ')':
                _stack.Pop();
                _at += CharAt(_at + 1) == ')' ? 2 : 1;
                return;
            default:
                _at++;
                return;
        }
    }

    /// <summary>Single quotes, <c>$'…'</c> and backquotes: everything up to the closing character.</summary>
    private void Closing(char close, bool escapes)
    {
        var c = CharAt(_at);
        if (escapes && c == '\\')
        {
            Backslash(_ => true);
        }
        else
        {
            _at++;
            if (c == close && !HoleAt(_at - 1))
            {
                _stack.Pop();
            }
        }
    }

    private void Open(Frame parent, FrameKind kind, int length)
    {
        parent.WordStart = false;
        _stack.Push(new Frame(kind, _cells[_at].Argument));
        _at += length;
    }

    /// <summary>A backslash escapes what follows when <paramref name="escapes"/> says so; before a placeholder it would escape the value's quoting.</summary>
    private void Backslash(Func<char, bool> escapes)
    {
        if (HoleAt(_at + 1))
        {
            _refuseNextHole = Refusal.AfterBackslash;
            _at++;
            return;
        }

        _at += _at + 1 < _cells.Count && escapes(CharAt(_at + 1)) ? 2 : 1;
    }

    private void Dollar(bool quotesAllowed)
    {
        var next = CharAt(_at + 1);
        var argument = _cells[_at].Argument;
        if (HoleAt(_at + 1))
        {
            _refuseNextHole = Refusal.AfterDollar;
            _at++;
        }
        else if (next == '(' && CharAt(_at + 2) == '(')
        {
            _stack.Push(new Frame(FrameKind.Arithmetic, argument));
            _at += 3;
        }
        else if (next == '(')
        {
            _stack.Push(new Frame(FrameKind.CommandSubstitution, argument));
            _at += 2;
        }
        else if (next == '{')
        {
            _stack.Push(new Frame(FrameKind.Parameter, argument));
            _at += 2;
        }
        else if (quotesAllowed && next == '\'')
        {
            _stack.Push(new Frame(FrameKind.DollarQuotes, argument));
            _at += 2;
        }
        else if (quotesAllowed && next == '"')
        {
            _stack.Push(new Frame(FrameKind.DoubleQuotes, argument));
            _at += 2;
        }
        else
        {
            _at++;
        }
    }

    /// <summary><c>&lt;&lt;WORD</c> or <c>&lt;&lt;-WORD</c>: the body starts on the next line; any quoting in WORD makes it literal.</summary>
    private void HereDocumentOperator(Frame frame)
    {
        _at += 2;
        var stripTabs = CharAt(_at) == '-' && !HoleAt(_at);
        if (stripTabs)
        {
            _at++;
        }

        while (!HoleAt(_at) && CharAt(_at) is ' ' or '\t')
        {
            _at++;
        }

        var delimiter = new StringBuilder();
        var quoted = false;
        while (_at < _cells.Count)
        {
            if (HoleAt(_at))
            {
                _refuseNextHole = Refusal.HereDocumentDelimiter;
                Decide(_at);
                quoted = true;
                _at++;
                continue;
            }

            var c = CharAt(_at);
            if (c is ' ' or '\t' or '\n' or ';' or '&' or '|' or '<' or '>' or '(' or ')')
            {
                break;
            }

            if (c == '\\')
            {
                quoted = true;
                _at++;
            }
            else if (c is '\'' or '"')
            {
                quoted = true;
                _at++;
                while (_at < _cells.Count && !(CharAt(_at) == c && !HoleAt(_at)))
                {
                    if (HoleAt(_at))
                    {
                        _refuseNextHole = Refusal.HereDocumentDelimiter;
                        Decide(_at);
                    }
                    else
                    {
                        delimiter.Append(CharAt(_at));
                    }

                    _at++;
                }

                _at++;
            }
            else
            {
                delimiter.Append(c);
                _at++;
            }
        }

        frame.WordStart = true;
        if (delimiter.Length > 0)
        {
            frame.PendingHereDocuments.Enqueue((delimiter.ToString(), stripTabs, quoted));
        }
    }

    private void StartHereDocument(Frame owner)
    {
        var (delimiter, stripTabs, quoted) = owner.PendingHereDocuments.Dequeue();
        _stack.Push(new Frame(FrameKind.HereDocument, _at < _cells.Count ? _cells[_at].Argument : 0)
        {
            Delimiter = delimiter,
            StripTabs = stripTabs,
            Quoted = quoted,
            AtLineStart = true,
        });
    }

    /// <summary>At the start of a body line: when the line is the delimiter, the here-document ends (and the next one queued on the same command line begins).</summary>
    private bool EndsHereDocument(Frame frame)
    {
        var line = new StringBuilder();
        var end = _at;
        while (end < _cells.Count && !(CharAt(end) == '\n' && !HoleAt(end)))
        {
            if (HoleAt(end))
            {
                return false;
            }

            line.Append(CharAt(end));
            end++;
        }

        var text = frame.StripTabs ? line.ToString().TrimStart('\t') : line.ToString();
        if (text != frame.Delimiter)
        {
            return false;
        }

        _at = Math.Min(end + 1, _cells.Count);
        _stack.Pop();
        if (Top.PendingHereDocuments.Count > 0)
        {
            StartHereDocument(Top);
        }

        return true;
    }

    private bool WordAt(string word)
    {
        for (var i = 0; i < word.Length; i++)
        {
            if (HoleAt(_at + i) || CharAt(_at + i) != word[i])
            {
                return false;
            }
        }

        var after = _at + word.Length;
        return after >= _cells.Count || (!HoleAt(after) && CharAt(after) is ' ' or '\t' or '\n' or ';' or '&' or '|' or '(' or ')' or '<' or '>');
    }

    /// <summary>Every placeholder in script order; one this reading skipped over counts as unquoted text, which is always safe to render.</summary>
    private List<ShellHole> Holes()
    {
        var holes = new List<ShellHole>();
        for (var i = 0; i < _cells.Count; i++)
        {
            if (_cells[i].Hole is { } placeholder)
            {
                holes.Add(_decided.GetValueOrDefault(i) ?? new ShellHole(_cells[i].Argument, placeholder, ShellSpot.Word));
            }
        }

        return holes;
    }

    private void Decide(int index)
    {
        _decided[index] = Spot(_cells[index].Argument, _cells[index].Hole!);
        _refuseNextHole = null;
    }

    private ShellHole Spot(int argument, Placeholder placeholder)
    {
        var name = "{" + placeholder.Name + "}";
        ShellHole Refused(string why, string fix) => new(argument, placeholder, ShellSpot.Refused, why, fix);

        switch (_refuseNextHole)
        {
            case Refusal.AfterDollar:
                return Refused($"{name} follows a '$'.", $"remove the '$' before {name}: the placeholder alone stands for the value.");
            case Refusal.AfterBackslash:
                return Refused($"{name} follows a backslash, which would escape the quoting Fleetbook puts around the value.", $"remove the backslash before {name}.");
            case Refusal.HereDocumentDelimiter:
                return Refused($"{name} is the delimiter of a here-document.", "use a fixed delimiter such as EOF.");
        }

        foreach (var frame in _stack)
        {
            switch (frame.Kind)
            {
                case FrameKind.Backquotes:
                    return Refused($"{name} sits inside backquotes (`…`), where the shell reads text twice.", "write $(…) instead of `…`: Fleetbook puts values into $(…) safely.");
                case FrameKind.Comment:
                    return Refused($"{name} sits in a # comment, so the shell never sees its value.", $"move {name} out of the comment, or remove it.");
                case FrameKind.Parameter:
                    return Refused($"{name} sits inside ${{…}}, where shells disagree on how quotes are read.", $"assign it first, as v={name}, then write ${{v:-…}}.");
                case FrameKind.Arithmetic:
                    return Refused($"{name} sits inside $((…)) or ((…)), where the shell evaluates text as code.", "do arithmetic on job values in the program, not in the shell.");
                case FrameKind.DollarQuotes:
                    return Refused($"{name} sits inside $'…', which not every /bin/sh understands.", $"close the $'…' before {name}: Fleetbook quotes the value itself.");
                case FrameKind.HereDocument when frame.Quoted:
                    return Refused($"{name} sits in a here-document whose delimiter is quoted (<<'{frame.Delimiter}'), so the shell replaces nothing in it.", $"write the delimiter without quotes (<<{frame.Delimiter}): Fleetbook passes values so that the shell never expands what is inside them.");
            }
        }

        return Top.Kind switch
        {
            FrameKind.DoubleQuotes => new ShellHole(argument, placeholder, ShellSpot.DoubleQuoted),
            FrameKind.SingleQuotes => new ShellHole(argument, placeholder, ShellSpot.SingleQuoted),
            FrameKind.HereDocument => new ShellHole(argument, placeholder, ShellSpot.HereDocument),
            _ => new ShellHole(argument, placeholder, ShellSpot.Word),
        };
    }

    /// <summary>A quote still open at the end: /bin/sh would stop on it, so the config check does.</summary>
    private List<ShellTextProblem> Unclosed()
    {
        foreach (var frame in _stack.Reverse())
        {
            var (opened, close) = frame.Kind switch
            {
                FrameKind.SingleQuotes => ("'", "'"),
                FrameKind.DoubleQuotes => ("\"", "\""),
                FrameKind.DollarQuotes => ("$'", "'"),
                FrameKind.Backquotes => ("`", "`"),
                _ => ("", ""),
            };
            if (opened.Length > 0)
            {
                return [new ShellTextProblem(frame.Argument, $"the {opened} opened here is never closed, so /bin/sh would stop with a syntax error.", $"close it with {close}; a value needs no quotes of its own (Fleetbook quotes it).")];
            }
        }

        return [];
    }

    private readonly record struct Cell(char Char, Placeholder? Hole, int Argument);

    private sealed class Frame(FrameKind kind, int argument)
    {
        public FrameKind Kind { get; } = kind;
        public int Argument { get; } = argument;
        public bool WordStart { get; set; } = true;

        /// <summary>Open parentheses (subshells, arithmetic) or braces (inside <c>${…}</c>) not yet closed.</summary>
        public int Depth { get; set; }

        /// <summary>Open <c>case … esac</c>: a ')' there ends a pattern, not the <c>$(…)</c>.</summary>
        public int CaseDepth { get; set; }

        public Queue<(string Delimiter, bool StripTabs, bool Quoted)> PendingHereDocuments { get; } = new();
        public string Delimiter { get; init; } = "";
        public bool StripTabs { get; init; }
        public bool Quoted { get; init; }
        public bool AtLineStart { get; set; }
    }
}
