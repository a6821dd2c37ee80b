using System.Collections;
using System.Globalization;

namespace Fleetbook.Notebooks.Display;

/// <summary>Turns a value into a MIME bundle: its type's convention formatters first, then plain text.</summary>
internal static class ValueFormatter
{
    private const int ListedItems = 20;

    /// <param name="mimeTypes">The MIME types asked for; empty means every type the formatters offer.</param>
    /// <param name="plainText">The host language's own text form (F#'s <c>%A</c>); null means <see cref="PlainText(object?)"/>.</param>
    public static MimeBundle Format(object? value, IReadOnlyList<string> mimeTypes, Func<object?, string>? plainText = null)
    {
        bool Wanted(string mimeType) => mimeTypes.Count == 0 || mimeTypes.Contains(mimeType, StringComparer.OrdinalIgnoreCase);

        var entries = new List<KeyValuePair<string, string>>();
        if (value is not null)
        {
            var found = FormatterSources.For(value.GetType());
            foreach (var formatter in found.Formatters)
            {
                if (!Wanted(formatter.MimeType) || entries.Any(e => e.Key == formatter.MimeType) || !formatter.AppliesTo.IsInstanceOfType(value))
                {
                    continue;
                }

                using var writer = new StringWriter(CultureInfo.InvariantCulture);
                if (formatter.Format(value, writer))
                {
                    entries.Add(new(formatter.MimeType, writer.ToString()));
                }
            }

            entries = [.. entries.OrderBy(e => Rank(found.PreferredMimeTypes, e.Key))];
        }

        // "<b>hi</b>".DisplayAs("text/html"): a string shown as the MIME type it is asked for.
        if (value is string text && mimeTypes.Count > 0)
        {
            entries.AddRange(mimeTypes.Where(m => entries.All(e => e.Key != m)).Select(m => new KeyValuePair<string, string>(m, text)));
        }

        if (entries.All(e => e.Key != MimeTypes.PlainText) && (Wanted(MimeTypes.PlainText) || entries.Count == 0))
        {
            entries.Add(new(MimeTypes.PlainText, plainText is null || value is string ? PlainText(value) : plainText(value)));
        }

        return new MimeBundle(entries);
    }

    public static string PlainText(object? value) => value switch
    {
        null => "null",
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items when !HasOwnToString(value.GetType()) => List(items),
        _ => value.ToString() ?? value.GetType().Name,
    };

    private static int Rank(IReadOnlyList<string> preferred, string mimeType)
    {
        var index = preferred.ToList().IndexOf(mimeType);
        return index < 0 ? preferred.Count : index;
    }

    private static bool HasOwnToString(Type type) =>
        type.GetMethod(nameof(ToString), Type.EmptyTypes)?.DeclaringType is { } declaring && declaring != typeof(object);

    private static string List(IEnumerable items)
    {
        var shown = new List<string>();
        var more = false;
        foreach (var item in items)
        {
            if (shown.Count == ListedItems)
            {
                more = true;
                break;
            }

            shown.Add(PlainText(item));
        }

        return "[" + string.Join(", ", shown) + (more ? ", …" : "") + "]";
    }
}
