namespace Fleetbook.Notebooks;

/// <summary>What every C# cell can call without a prefix: <c>display(value)</c> as in .NET Interactive, and <c>Display(value)</c>.</summary>
public class CSharpGlobals
{
#pragma warning disable IDE1006 // .NET Interactive's name, which notebooks already use.
    public DisplayedValue display(object? value, params string[] mimeTypes) => Displays.Show(value, mimeTypes);
#pragma warning restore IDE1006

    public DisplayedValue Display(object? value, params string[] mimeTypes) => Displays.Show(value, mimeTypes);
}
