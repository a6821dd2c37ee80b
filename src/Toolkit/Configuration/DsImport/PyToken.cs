namespace Fleetbook.Configuration.DsImport;

internal enum PyTokenKind
{
    Name,
    Number,
    String,
    Operator,
    Newline,
    EndOfFile,

    /// <summary>Text the tokenizer could not read; <see cref="PyToken.Message"/> and <see cref="PyToken.Fix"/> say why.</summary>
    Error,
}

/// <summary>One token of config.py, with its 1-based position and its span in the source text.</summary>
internal sealed record PyToken(PyTokenKind Kind, string Text, int Line, int Column, int Start, int End)
{
    /// <summary>The decoded value of a string or number literal.</summary>
    public PyValue? Value { get; init; }

    public string? Message { get; init; }
    public string? Fix { get; init; }

    public bool IsOperator(string text) => Kind == PyTokenKind.Operator && Text == text;

    public bool IsName(string text) => Kind == PyTokenKind.Name && Text == text;

    public bool EndsStatement => Kind is PyTokenKind.Newline or PyTokenKind.EndOfFile;

    public string Describe() => Kind switch
    {
        PyTokenKind.Newline => "the end of the line",
        PyTokenKind.EndOfFile => "the end of the file",
        PyTokenKind.String => "a string",
        _ => $"'{Text}'",
    };
}
