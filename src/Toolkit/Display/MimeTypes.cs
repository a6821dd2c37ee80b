namespace Fleetbook.Display;

/// <summary>The MIME types Fleetbook's displays are written in.</summary>
public static class MimeTypes
{
    public const string PlainText = "text/plain";
    public const string Html = "text/html";

    /// <summary>plotly figure JSON, rendered natively by JupyterLab, nteract and VS Code's Jupyter renderers.</summary>
    public const string Plotly = "application/vnd.plotly.v1+json";
}
