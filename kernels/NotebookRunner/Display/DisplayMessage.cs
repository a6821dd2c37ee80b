namespace Fleetbook.Notebooks.Display;

internal enum DisplayKind
{
    /// <summary>A new output (<c>display_data</c>).</summary>
    Display,

    /// <summary>A new value for an earlier output with the same id (<c>update_display_data</c>).</summary>
    Update,

    /// <summary>The cell's final value (<c>execute_result</c>).</summary>
    Result,
}

internal sealed record DisplayMessage(DisplayKind Kind, string DisplayId, MimeBundle Data);

/// <summary>Where displays go: the notebook being recorded, or a frame on stdout when the code runs inside dotnet fsi.</summary>
internal interface IDisplaySink
{
    void Publish(DisplayMessage message);
}

/// <summary>Outside a notebook: the plain-text form on the console, as .NET Interactive does when nothing listens.</summary>
internal sealed class ConsoleDisplaySink : IDisplaySink
{
    public void Publish(DisplayMessage message) =>
        Console.Out.WriteLine(message.Data[MimeTypes.PlainText] ?? message.Data.Entries.FirstOrDefault().Value);
}
