namespace Fleetbook.Charts;

/// <summary>The colours displays and charts share, so a chart's "dead" is the badge's red.</summary>
public static class Palette
{
    public const string Good = "#2e7d32";
    public const string Warning = "#f9a825";
    public const string Bad = "#c62828";
    public const string Info = "#1565c0";
    public const string Muted = "#90a4ae";
}
