using System.Reflection;
using Fleetbook.Charts;
using Fleetbook.Display;
using Microsoft.DotNet.Interactive.Formatting;

namespace Fleetbook.Interactive.Formatters;

/// <summary>
/// Registers Fleetbook's displays with the kernel's formatter: every type that carries Fleetbook's
/// <see cref="Display.TypeFormatterSourceAttribute"/> (which other hosts find by name) and the lists Fleetbook shows as its own
/// tables (<see cref="FleetbookDisplay.ListTypes"/>), each as <c>text/html</c> and <c>text/plain</c>; a
/// <see cref="Figure"/> also as <c>application/vnd.plotly.v1+json</c>, first, which VS Code draws with its own plotly
/// renderer, offline — where the host passes it on as JSON (<see cref="DisplayHost.KeepsPlotlyJson"/>).
/// </summary>
internal static class KernelFormatters
{
    private static readonly string[] Documents = [MimeTypes.Html, MimeTypes.PlainText];
    private static readonly string[] Charts = [MimeTypes.Plotly, MimeTypes.Html, MimeTypes.PlainText];

    public static IReadOnlyList<Type> AttributedTypes { get; } = [.. typeof(FleetbookDisplay).Assembly.GetTypes()
        .Where(t => t.IsDefined(typeof(Display.TypeFormatterSourceAttribute), inherit: false))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)];

    public static void Register(bool plotlyJson)
    {
        foreach (var type in AttributedTypes.Concat(FleetbookDisplay.ListTypes))
        {
            // The kernel reads a type's formatter attribute the first time it formats one, and its preferred MIME types
            // (HTML and text for every Fleetbook type) then override those set here: have it read them first.
            _ = Formatter.GetPreferredMimeTypesFor(type);
            var mimeTypes = type == typeof(Figure) && plotlyJson ? Charts : Documents;
            foreach (var mimeType in mimeTypes)
            {
                var formatter = new FleetbookFormatter(type, mimeType);
                Formatter.Register(type, (value, writer) => formatter.Format(value, writer), mimeType);
            }

            Formatter.SetPreferredMimeTypesFor(type, mimeTypes);
        }
    }
}
