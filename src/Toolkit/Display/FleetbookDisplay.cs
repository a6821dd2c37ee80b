using Fleetbook.Charts;
using Fleetbook.Configuration;
using Fleetbook.Journal;
using Fleetbook.Steps;

namespace Fleetbook.Display;

/// <summary>
/// How every Fleetbook result shows itself, for any host: a notebook (through the formatter attribute, or by hand
/// with <see cref="ToMimeBundle"/>), a script printing <see cref="ToText"/>, a page embedding <see cref="ToHtml"/>.
/// Every display is built once as a <see cref="DisplayDocument"/> (<see cref="Describe"/>), with secrets hidden and
/// paths shown relative to the project, then rendered.
/// </summary>
public static class FleetbookDisplay
{
    /// <summary>Whether <paramref name="value"/> is a type Fleetbook knows how to display.</summary>
    public static bool CanDisplay(object? value) => value is
        DisplayDocument or IDisplayable or Figure or RunConfig or RunPlan or SetupResult or SubmitResult or StartResult
        or RunStatus or RunTimeline or MonitorResult or CleanupResult or DeadLetterReport or RedriveResult or PreflightResult or RunsReport
        or IEnumerable<JobAttempt> or IEnumerable<DeadJob> or IEnumerable<FoundRun>;

    /// <summary>
    /// The lists Fleetbook shows as its own tables (the first <see cref="DisplayOptions.MaxRows"/> rows, then how many
    /// more): attempts (<c>run.AttemptsAsync()</c>), dead jobs and found runs, and any part of them a user picks out.
    /// </summary>
    public static IReadOnlyList<Type> ListTypes { get; } = [typeof(IEnumerable<JobAttempt>), typeof(IEnumerable<DeadJob>), typeof(IEnumerable<FoundRun>)];

    /// <summary>The display model of <paramref name="value"/>: one of the step results, a config, a timeline, a report, a figure or one of the <see cref="ListTypes"/>.</summary>
    public static DisplayDocument Describe(object value, DisplayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        options ??= DisplayOptions.Default;
        var document = value switch
        {
            DisplayDocument given => given,
            IDisplayable displayable => displayable.ToDocument(options),
            Figure figure => new DisplayDocument(figure.Layout.Title ?? "Chart", [new ChartBlock(figure)]),
            RunConfig config => ConfigDocument.Config(config),
            RunPlan plan => StepDocuments.Plan(plan),
            SetupResult setup => StepDocuments.Setup(setup),
            SubmitResult submit => StepDocuments.Submit(submit, options),
            StartResult start => StepDocuments.Start(start),
            RunStatus status => StatusDocuments.Status(status),
            RunTimeline timeline => StatusDocuments.Timeline(timeline),
            MonitorResult monitor => StatusDocuments.Monitor(monitor),
            CleanupResult cleanup => StepDocuments.Cleanup(cleanup),
            DeadLetterReport deadLetters => DeadLetterDocuments.DeadLetters(deadLetters, options),
            RedriveResult redrive => StepDocuments.Redrive(redrive),
            PreflightResult preflight => StepDocuments.Preflight(preflight),
            RunsReport runs => StepDocuments.Runs(runs, options),
            IEnumerable<JobAttempt> attempts => AttemptDocuments.Attempts([.. attempts], options),
            IEnumerable<DeadJob> deadJobs => DeadLetterDocuments.DeadJobs([.. deadJobs], options),
            IEnumerable<FoundRun> found => StepDocuments.FoundRuns([.. found], options),
            _ => throw new ArgumentException($"Fleetbook has no display for {value.GetType().Name}.", nameof(value)),
        };

        var redaction = Redaction.For(ConfigOf(value));
        var paths = PathText.Shortener(options.ProjectDirectory ?? ProjectDirectoryOf(value));
        return document.MapText(text => paths(redaction.Apply(text)));
    }

    /// <summary>
    /// <paramref name="text"/> with every secret a display hides replaced by "[hidden]": the config's credential-like
    /// environment values and profile, the secret-named variables of this process's environment, AWS access key ids and
    /// <c>SECRET=value</c> pairs. For text printed outside a display (a CLI's JSON or error output).
    /// </summary>
    public static string HideSecrets(string text, RunConfig? config = null) => Redaction.For(config).Apply(text);

    public static string ToHtml(object value, DisplayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        options ??= DisplayOptions.Default;
        return value is Figure figure ? figure.ToHtml(options.Plotly) : HtmlRenderer.Render(Describe(value, options), options);
    }

    public static string ToText(object value, DisplayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value is Figure figure ? figure.Describe() : TextRenderer.Render(Describe(value, options));
    }

    /// <summary><c>text/plain</c> and <c>text/html</c>, plus <c>application/vnd.plotly.v1+json</c> for a figure: what a notebook front end chooses from.</summary>
    public static IReadOnlyDictionary<string, string> ToMimeBundle(object value, DisplayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        options ??= DisplayOptions.Default;
        if (value is Figure figure)
        {
            return figure.ToMimeBundle(options.Plotly);
        }

        var document = Describe(value, options);
        return new Dictionary<string, string>
        {
            [MimeTypes.PlainText] = TextRenderer.Render(document),
            [MimeTypes.Html] = HtmlRenderer.Render(document, options),
        };
    }

    /// <summary>One MIME type of <paramref name="value"/> (what the formatter writes).</summary>
    internal static string Format(object value, string mimeType) => mimeType switch
    {
        MimeTypes.Html => ToHtml(value),
        MimeTypes.Plotly when value is Figure figure => figure.ToJson(),
        _ => ToText(value),
    };

    private static RunConfig? ConfigOf(object value) => value switch
    {
        RunConfig config => config,
        RunPlan plan => plan.Config,
        IDisplayable displayable => displayable.DisplayConfig,
        _ => null,
    };

    /// <summary>A plan's state folder is <c>&lt;project&gt;/&lt;stateDir&gt;/&lt;appName&gt;</c>, which gives the project folder back.</summary>
    private static string? ProjectDirectoryOf(object value)
    {
        switch (value)
        {
            case IDisplayable displayable:
                return displayable.DisplayProjectDirectory;
            case RunPlan plan when Path.IsPathFullyQualified(plan.Location) && !Path.IsPathFullyQualified(plan.Config.StateDir):
                var suffix = Path.DirectorySeparatorChar + Path.Combine(plan.Config.StateDir, plan.Config.AppName);
                var location = Path.TrimEndingDirectorySeparator(Path.GetFullPath(plan.Location));
                var normalizedSuffix = Path.TrimEndingDirectorySeparator(suffix.Replace('/', Path.DirectorySeparatorChar));
                return location.EndsWith(normalizedSuffix, StringComparison.Ordinal) ? location[..^normalizedSuffix.Length] : null;
            default:
                return null;
        }
    }
}
