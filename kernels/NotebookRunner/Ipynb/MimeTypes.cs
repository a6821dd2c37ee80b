namespace Fleetbook.Notebooks.Ipynb;

internal static class MimeTypes
{
    public const string PlainText = "text/plain";
    public const string Html = "text/html";
    public const string Markdown = "text/markdown";
    public const string Plotly = "application/vnd.plotly.v1+json";
    public const string Png = "image/png";
    public const string Svg = "image/svg+xml";
    public const string Json = "application/json";
}
