namespace Fleetbook.Notebooks.Ipynb;

/// <summary>One value formatted for several MIME types, in the order the formatters produced them.</summary>
internal sealed record MimeBundle(IReadOnlyList<KeyValuePair<string, string>> Entries)
{
    public static MimeBundle PlainText(string text) => new([new(MimeTypes.PlainText, text)]);

    public string? this[string mimeType] => Entries.FirstOrDefault(e => e.Key == mimeType).Value;

    public bool Has(string mimeType) => Entries.Any(e => e.Key == mimeType);
}
