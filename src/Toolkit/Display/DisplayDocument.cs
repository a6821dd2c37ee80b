namespace Fleetbook.Display;

/// <summary>
/// What one result shows: a title, a status badge and blocks (facts, tables, notes, charts, next steps). Built once
/// per result by <see cref="FleetbookDisplay.Describe"/>, then rendered as HTML (<see cref="HtmlRenderer"/>), plain
/// text (<see cref="TextRenderer"/>) or by any other host that walks the blocks.
/// </summary>
[TypeFormatterSource(typeof(FleetbookFormatterSource<DisplayDocument>))]
public sealed record DisplayDocument(string Title, IReadOnlyList<DisplayBlock> Blocks)
{
    public Badge? Badge { get; init; }

    public DisplayDocument WithTitle(string title) => this with { Title = title };
    public DisplayDocument WithBadge(Badge? badge) => this with { Badge = badge };
    public DisplayDocument WithBlocks(IReadOnlyList<DisplayBlock> blocks) => this with { Blocks = blocks };
    public DisplayDocument Add(DisplayBlock block) => this with { Blocks = [.. Blocks, block] };

    public string ToHtml(DisplayOptions? options = null) => HtmlRenderer.Render(this, options);

    public string ToText() => TextRenderer.Render(this);

    /// <summary>A copy with every piece of text passed through <paramref name="map"/>.</summary>
    internal DisplayDocument MapText(Func<string, string> map) => this with
    {
        Title = map(Title),
        Badge = Badge?.MapText(map),
        Blocks = Blocks.Select(b => b.MapText(map)).ToArray(),
    };
}
