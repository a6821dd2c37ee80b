using Fleetbook.Configuration;

namespace Fleetbook.Display;

/// <summary>A type that builds its own display model (the run report, say), with what redaction and paths need.</summary>
internal interface IDisplayable
{
    /// <summary>The run's config, whose secrets the display must hide; null when unknown.</summary>
    RunConfig? DisplayConfig { get; }

    /// <summary>The folder paths are shown relative to; null when unknown.</summary>
    string? DisplayProjectDirectory { get; }

    DisplayDocument ToDocument(DisplayOptions options);
}
