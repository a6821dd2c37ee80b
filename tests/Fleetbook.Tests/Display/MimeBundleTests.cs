using Fleetbook.Charts;
using Fleetbook.Display;

namespace Fleetbook.Tests.Display;

public class MimeBundleTests
{
    [Fact]
    public void A_result_bundles_plain_text_and_html()
    {
        // Act
        var bundle = FleetbookDisplay.ToMimeBundle(DisplayFixtures.Running, DisplayFixtures.Options);

        // Assert
        Assert.Equal([MimeTypes.PlainText, MimeTypes.Html], bundle.Keys.Order(StringComparer.Ordinal).Reverse());
        Assert.Equal(FleetbookDisplay.ToText(DisplayFixtures.Running, DisplayFixtures.Options), bundle[MimeTypes.PlainText]);
        Assert.StartsWith("<div class=\"fleetbook-display\">\n<style>", bundle[MimeTypes.Html]);
    }

    [Fact]
    public void A_figure_bundles_plotly_json_as_well()
    {
        // Arrange
        var figure = RunCharts.Timeline(DisplayFixtures.Timeline);

        // Act
        var bundle = FleetbookDisplay.ToMimeBundle(figure);

        // Assert
        Assert.Equal(figure.ToJson(), bundle[MimeTypes.Plotly]);
        Assert.Contains("Plotly.newPlot", bundle[MimeTypes.Html]);
        Assert.StartsWith("Chart: Jobs over time", bundle[MimeTypes.PlainText]);
    }

    [Fact]
    public void The_monitor_display_draws_its_timeline_with_the_chosen_plotly()
    {
        // Act
        var html = FleetbookDisplay.ToHtml(DisplayFixtures.Monitor, DisplayFixtures.Options.WithPlotly(PlotlyScript.Inline("/* plotly */")));

        // Assert
        Assert.Contains("\"stackgroup\":\"stack\"", html);
        Assert.Contains("/* plotly */", html);
        Assert.DoesNotContain("cdn.plot.ly", html);
    }

    [Fact]
    public void A_long_table_shows_its_first_rows_and_says_how_many_were_left_out()
    {
        // Arrange
        var options = DisplayFixtures.Options.WithMaxRows(2);

        // Act
        var text = FleetbookDisplay.ToText(DisplayFixtures.DeadLetters, options);
        var html = FleetbookDisplay.ToHtml(DisplayFixtures.DeadLetters, options);

        // Assert
        Assert.Contains("… and 2 more not shown", text);
        Assert.Contains("<p class=\"fb-omitted\">… and 2 more not shown.</p>", html);
    }

    [Fact]
    public void A_type_without_a_display_is_refused_by_name()
    {
        // Act
        var error = Assert.Throws<ArgumentException>(() => FleetbookDisplay.ToHtml(new Uri("https://example.invalid")));

        // Assert
        Assert.Contains("no display for Uri", error.Message);
        Assert.False(FleetbookDisplay.CanDisplay(new Uri("https://example.invalid")));
    }
}
