using Fleetbook.Charts;
using Fleetbook.Display;

namespace Fleetbook.Reports;

/// <summary>
/// What the run produced, in the report's words: the hook through which a program's own results (counts, a plate
/// map, a link to the merged table) join the run report.
/// </summary>
public sealed record ResultsSummary(string Title, IReadOnlyList<DisplayBlock> Blocks)
{
    /// <summary>Facts, then charts, then a note: the usual shape of a results section.</summary>
    public static ResultsSummary Create(string title, IReadOnlyList<Fact> facts, IReadOnlyList<Figure>? charts = null, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var blocks = new List<DisplayBlock>();
        if (facts.Count > 0)
        {
            blocks.Add(new FactList(null, facts));
        }

        blocks.AddRange((charts ?? []).Select(c => new ChartBlock(c)));
        if (note is not null)
        {
            blocks.Add(new Paragraph(note));
        }

        return new ResultsSummary(title, blocks);
    }

    public ResultsSummary Add(DisplayBlock block) => this with { Blocks = [.. Blocks, block] };
}
