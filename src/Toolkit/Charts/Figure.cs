using System.Text;
using System.Text.Json;
using Fleetbook.Display;

namespace Fleetbook.Charts;

/// <summary>
/// A plotly.js figure: traces, layout and config. Immutable; change it with the <c>With…</c> methods. Written as
/// version-neutral figure JSON (<c>{"data": […], "layout": {…}, "config": {…}}</c>, titles as <c>{"text": …}</c>),
/// as HTML that draws it, or as a MIME bundle for notebook front ends.
/// </summary>
[TypeFormatterSource(typeof(FleetbookFormatterSource<Figure>))]
public sealed record Figure
{
    public Figure(IReadOnlyList<Trace> traces, Layout? layout = null, PlotConfig? config = null)
    {
        ArgumentNullException.ThrowIfNull(traces);
        Traces = traces;
        Layout = layout ?? new Layout();
        Config = config ?? new PlotConfig();
    }

    /// <summary>A figure of <paramref name="traces"/> with the default layout; the traces may be of different kinds (F# upcasts method arguments, not list elements).</summary>
    public static Figure Of(params Trace[] traces) => new(traces);

    public IReadOnlyList<Trace> Traces { get; init; }

    public Layout Layout { get; init; }

    public PlotConfig Config { get; init; }

    public Figure WithTraces(IReadOnlyList<Trace> traces) => this with { Traces = traces };
    public Figure AddTrace(Trace trace) => this with { Traces = [.. Traces, trace] };
    public Figure WithLayout(Layout layout) => this with { Layout = layout };
    public Figure WithConfig(PlotConfig config) => this with { Config = config };
    public Figure WithTitle(string? title) => this with { Layout = Layout.WithTitle(title) };
    public Figure WithHeight(int? height) => this with { Layout = Layout.WithHeight(height) };

    /// <summary>The figure JSON plotly.js draws and <c>application/vnd.plotly.v1+json</c> carries.</summary>
    public string ToJson(bool indented = false)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            json.WriteStartObject();
            json.WriteStartArray("data");
            foreach (var trace in Traces)
            {
                trace.Write(json);
            }

            json.WriteEndArray();
            json.WritePropertyName("layout");
            Layout.Write(json);
            json.WritePropertyName("config");
            Config.Write(json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A <c>&lt;div id="fleetbook-plot-…"&gt;</c> and the script that draws into it (see <see cref="PlotlyScript"/>; the CDN by default).</summary>
    public string ToHtml(PlotlyScript? script = null) => FigureHtml.Render(this, script ?? PlotlyScript.Cdn, FigureHtml.NewId());

    /// <summary>The figure for a notebook front end: plotly JSON, HTML that draws it, and a plain-text summary.</summary>
    public IReadOnlyDictionary<string, string> ToMimeBundle(PlotlyScript? script = null) => new Dictionary<string, string>
    {
        [MimeTypes.Plotly] = ToJson(),
        [MimeTypes.Html] = ToHtml(script),
        [MimeTypes.PlainText] = Describe(),
    };

    /// <summary>One line per trace under the title, for plain-text output.</summary>
    public string Describe()
    {
        var text = new StringBuilder("Chart: ").Append(Layout.Title ?? "(untitled)");
        foreach (var trace in Traces)
        {
            text.Append("\n  ").Append(trace.Describe());
        }

        return text.ToString();
    }
}
