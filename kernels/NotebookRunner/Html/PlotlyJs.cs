using System.Text.RegularExpressions;

namespace Fleetbook.Notebooks.Html;

/// <summary>How the exported page gets plotly.js: not at all (each output loads it), a URL, or a file inlined.</summary>
internal sealed partial record PlotlyJs(string? Url, string? Inline)
{
    /// <summary>The version Fleetbook's charts pin; used only for plotly outputs that carry no HTML of their own.</summary>
    public const string CdnUrl = "https://cdn.plot.ly/plotly-4.1.2.min.js";

    public static PlotlyJs None { get; } = new(null, null);

    /// <summary>An existing file is inlined (the page then draws offline); anything else is taken as a URL.</summary>
    public static PlotlyJs From(string? option) => option switch
    {
        null or "" => None,
        _ when File.Exists(option) => new(null, File.ReadAllText(option)),
        _ => new(option, null),
    };

    public string HeadScript() => this switch
    {
        { Inline: { } js } => "<script>if (!window.Plotly) { (function (module, exports, define) {\n" + ScriptSafe(js) + "\n})(); }</script>\n",
        { Url: { } url } => $"<script src=\"{System.Net.WebUtility.HtmlEncode(url)}\"></script>\n",
        _ => "",
    };

    /// <summary>Keeps a script's text from closing its element: <c>&lt;/script</c> and <c>&lt;!--</c> get a JavaScript escape.</summary>
    public static string ScriptSafe(string javaScript) => ScriptBreakers().Replace(javaScript, m => "\\x3C" + m.Value[1..]);

    [GeneratedRegex("</script|<!--", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptBreakers();
}
