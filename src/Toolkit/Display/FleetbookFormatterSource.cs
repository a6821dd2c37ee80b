namespace Fleetbook.Display;

/// <summary>
/// The formatter source named by <see cref="TypeFormatterSourceAttribute"/> on <typeparamref name="T"/>. .NET Interactive
/// creates it with its parameterless constructor and calls <see cref="CreateTypeFormatters"/> by name.
/// </summary>
internal sealed class FleetbookFormatterSource<T>
{
    public IEnumerable<FleetbookFormatter> CreateTypeFormatters()
    {
        yield return new FleetbookFormatter(typeof(T), MimeTypes.Html);
        yield return new FleetbookFormatter(typeof(T), MimeTypes.PlainText);
        if (typeof(T) == typeof(Charts.Figure))
        {
            yield return new FleetbookFormatter(typeof(T), MimeTypes.Plotly);
        }
    }
}

/// <summary>
/// One MIME type of one type. The convention reads the <see cref="Type"/> and <see cref="MimeType"/> properties and
/// compiles a call to the single public method named <see cref="Format"/> as <c>Func&lt;object, TextWriter, bool&gt;</c>,
/// so there must be exactly one <c>Format</c> and it must take <c>(object, TextWriter)</c>.
/// </summary>
internal sealed class FleetbookFormatter(Type type, string mimeType)
{
    public Type Type { get; } = type;

    public string MimeType { get; } = mimeType;

    public bool Format(object instance, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (instance is null || !Type.IsInstanceOfType(instance))
        {
            return false;
        }

        string text;
        try
        {
            text = FleetbookDisplay.Format(instance, MimeType);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Returning false would hand the value to the host's default formatter, which lists every property
            // (a config's environment included); say what went wrong instead.
            var message = $"Fleetbook could not display this {Type.Name}: {e.GetType().Name}.";
            text = MimeType == MimeTypes.Html ? "<div>" + System.Net.WebUtility.HtmlEncode(message) + "</div>" : message;
        }

        writer.Write(text);
        return true;
    }
}
