using Fleetbook.Charts;

namespace Fleetbook.Display;

/// <summary>green / amber / red, or no opinion.</summary>
public enum Tone
{
    Neutral,
    Good,
    Warning,
    Bad,
}

/// <summary>
/// One piece of a <see cref="DisplayDocument"/>. The set is closed (the renderers know every kind), so a new host
/// — a Spectre.Console renderer in the CLI, say — is one switch over these records.
/// </summary>
public abstract record DisplayBlock
{
    private protected DisplayBlock()
    {
    }

    /// <summary>A copy with every piece of text passed through <paramref name="map"/> (redaction, path shortening).</summary>
    internal abstract DisplayBlock MapText(Func<string, string> map);
}

/// <summary>A short coloured status word or phrase: "all jobs succeeded", "3 dead letters".</summary>
public sealed record Badge(string Text, Tone Tone)
{
    internal Badge MapText(Func<string, string> map) => this with { Text = map(Text) };
}

/// <summary>A sentence or two in plain language; a warning or problem when the tone says so.</summary>
public sealed record Paragraph(string Text, Tone Tone = Tone.Neutral) : DisplayBlock
{
    internal override DisplayBlock MapText(Func<string, string> map) => this with { Text = map(Text) };
}

/// <summary>What to do next, with the notebook/script call and the terminal command that do it (either may be empty).</summary>
public sealed record NextStep(string What, string Code = "", string Command = "") : DisplayBlock
{
    internal override DisplayBlock MapText(Func<string, string> map) => new NextStep(map(What), map(Code), map(Command));
}

public sealed record Fact(string Name, string Value, Tone Tone = Tone.Neutral);

/// <summary>Names and values, two columns.</summary>
public sealed record FactList(string? Title, IReadOnlyList<Fact> Facts) : DisplayBlock
{
    internal override DisplayBlock MapText(Func<string, string> map) =>
        new FactList(Title is null ? null : map(Title), Facts.Select(f => f with { Name = map(f.Name), Value = map(f.Value) }).ToArray());
}

public sealed record TableRow(IReadOnlyList<string> Cells, Tone Tone = Tone.Neutral);

/// <summary>A table; <paramref name="Omitted"/> rows were left out to keep it readable (said under the table).</summary>
public sealed record TableBlock(string? Title, IReadOnlyList<string> Headers, IReadOnlyList<TableRow> Rows, int Omitted = 0) : DisplayBlock
{
    internal override DisplayBlock MapText(Func<string, string> map) => this with
    {
        Title = Title is null ? null : map(Title),
        Headers = Headers.Select(map).ToArray(),
        Rows = Rows.Select(r => r with { Cells = r.Cells.Select(map).ToArray() }).ToArray(),
    };
}

public sealed record BulletList(string? Title, IReadOnlyList<string> Items) : DisplayBlock
{
    internal override DisplayBlock MapText(Func<string, string> map) => new BulletList(Title is null ? null : map(Title), Items.Select(map).ToArray());
}

/// <summary>Text shown as is, in a fixed-width font: log excerpts, messages.</summary>
public sealed record Preformatted(string? Title, string Text) : DisplayBlock
{
    internal override DisplayBlock MapText(Func<string, string> map) => new Preformatted(Title is null ? null : map(Title), map(Text));
}

public sealed record BarSegment(string Label, long Value, Tone Tone);

/// <summary>One horizontal bar split into segments (done / dead / in flight / waiting); cheap enough to redraw on every tick.</summary>
public sealed record ProgressBar(IReadOnlyList<BarSegment> Segments) : DisplayBlock
{
    public long Total => Segments.Sum(s => s.Value);

    internal override DisplayBlock MapText(Func<string, string> map) => new ProgressBar(Segments.Select(s => s with { Label = map(s.Label) }).ToArray());
}

/// <summary>A plotly chart; plain text shows its summary.</summary>
public sealed record ChartBlock(Figure Figure) : DisplayBlock
{
    internal override DisplayBlock MapText(Func<string, string> map) => this;
}

/// <summary>A heading over blocks; <paramref name="Collapsed"/> folds it away in HTML (a <c>&lt;details&gt;</c>).</summary>
public sealed record Section(string Heading, IReadOnlyList<DisplayBlock> Blocks, bool Collapsed = false) : DisplayBlock
{
    internal override DisplayBlock MapText(Func<string, string> map) => this with { Heading = map(Heading), Blocks = Blocks.Select(b => b.MapText(map)).ToArray() };
}
