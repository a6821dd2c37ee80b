namespace Fleetbook.Tests.Kernels.Formatting;

/// <summary>
/// A stand-in for the attribute Fleetbook (and any library) declares for .NET Interactive: same name, our own namespace,
/// internal. The runner must find it by name alone.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = true)]
internal sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    public Type FormatterSourceType { get; } = formatterSourceType;

    public string[] PreferredMimeTypes { get; set; } = [];
}

/// <summary>A result type with an HTML form, as Fleetbook's step results have.</summary>
[TypeFormatterSource(typeof(BadgeFormatterSource))]
public sealed record Badge(string Label, int Count);

/// <summary>Also offers a plotly figure, and prefers it.</summary>
[TypeFormatterSource(typeof(ChartFormatterSource), PreferredMimeTypes = ["application/vnd.plotly.v1+json"])]
public sealed record Chart(int[] Values);

internal sealed class BadgeFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters() => [new BadgeHtml()];

    private sealed class BadgeHtml
    {
        public string MimeType => "text/html";

        public bool Format(object instance, TextWriter writer)
        {
            var badge = (Badge)instance;
            writer.Write($"<span class=\"badge\">{badge.Label}: {badge.Count}</span>");
            return true;
        }
    }
}

internal sealed class ChartFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters() => [new ChartHtml(), new ChartJson()];

    private sealed class ChartHtml
    {
        public string MimeType => "text/html";

        public bool Format(object instance, TextWriter writer)
        {
            writer.Write("<div class=\"chart\">" + string.Join(" ", ((Chart)instance).Values) + "</div>");
            return true;
        }
    }

    private sealed class ChartJson
    {
        public string MimeType => "application/vnd.plotly.v1+json";

        public Type Type => typeof(Chart);

        public bool Format(object instance, TextWriter writer)
        {
            writer.Write("{\"data\":[{\"type\":\"bar\",\"y\":[" + string.Join(",", ((Chart)instance).Values) + "]}],\"layout\":{\"title\":{\"text\":\"jobs\"}}}");
            return true;
        }
    }
}

/// <summary>A type whose formatter declines (Format returns false): plain text is all that is left.</summary>
[TypeFormatterSource(typeof(DecliningFormatterSource))]
public sealed record Shy(string Name);

internal sealed class DecliningFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters() => [new Declining()];

    private sealed class Declining
    {
        public string MimeType => "text/html";

        public bool Format(object instance, TextWriter writer) => false;
    }
}
