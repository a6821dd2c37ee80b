using System.Globalization;
using System.Xml.Linq;
using Fleetbook.Charts;
using Fleetbook.Charts.Svg;

namespace Fleetbook.Tests.Charts;

/// <summary>A figure's static SVG parsed as XML (which also proves it well-formed), with look-ups by chart class.</summary>
public sealed class SvgPicture
{
    private SvgPicture(string markup)
    {
        Markup = markup;
        Root = XDocument.Parse(markup).Root!;
    }

    public string Markup { get; }

    public XElement Root { get; }

    public static SvgPicture Of(Figure figure) => new(FigureSvg.Render(figure));

    /// <summary>The elements whose class is <paramref name="name"/> (<c>fbc-area</c>, <c>fbc-cell</c>, …).</summary>
    public IReadOnlyList<XElement> Class(string name) => [.. Root.DescendantsAndSelf().Where(e => (string?)e.Attribute("class") == name)];

    /// <summary>The x tick labels (first line), left to right.</summary>
    public IReadOnlyList<string> XTicks => TickLines().First();

    /// <summary>The second lines under x ticks (the date under a time), left to right.</summary>
    public IReadOnlyList<string> XTicksBelow => TickLines().Skip(1).FirstOrDefault() ?? [];

    public IReadOnlyList<string> YTicks => [.. Class("fbc-yticks").Single().Elements("text").Select(t => t.Value)];

    public static double Number(XElement element, string attribute) => double.Parse(element.Attribute(attribute)!.Value, CultureInfo.InvariantCulture);

    private IEnumerable<IReadOnlyList<string>> TickLines() =>
        Class("fbc-xticks").Single().Elements("text").GroupBy(t => Number(t, "y")).OrderBy(g => g.Key).Select(g => (IReadOnlyList<string>)[.. g.Select(t => t.Value)]);
}
