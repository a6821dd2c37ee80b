using Fleetbook.Display;
using Fleetbook.Fleet;
using Fleetbook.Journal;
using Fleetbook.Reports;
using Fleetbook.Steps;

namespace Fleetbook.Tests.Display;

public class SecretsAndPathsTests
{
    private static readonly string Home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    /// <summary>Everything built from the leaky config, including a failure whose log printed its environment.</summary>
    private static IEnumerable<object> LeakyDisplays()
    {
        var config = DisplayFixtures.LeakyConfig;
        yield return config;
        yield return DisplayFixtures.Plan with { Config = config };
        var attempt = new JobAttempt("m-1", "Plate1-A01-1", 1, "worker-0", DisplayFixtures.T0, DisplayFixtures.T0.AddSeconds(1), AttemptOutcome.Failed, 1,
            "exit code 1: aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY rejected");
        yield return new RunReport
        {
            Config = config,
            Backend = "aws",
            Monitor = DisplayFixtures.Monitor,
            Attempts = [attempt],
            Failures =
            [
                new FailedJob("Plate1-A01-1", [attempt],
                [
                    "env: AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE",
                    "env: AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                    "env: AWS_SESSION_TOKEN=FwoGZXIvYXdzEJr//////////wEaDOEXAMPLETOKEN",
                    "connecting with password hunter2-correct-horse",
                    "using profile acme-prod-admin in eu-west-1",
                    $"reading {DisplayFixtures.Project}/bucket/images/A01.pgm",
                    $"cache in {Home}/.cache/count-objects",
                ]),
            ],
            ProjectDirectory = DisplayFixtures.Project,
            CreatedAt = DisplayFixtures.T0,
        };
        // Results that carry no config are covered by the patterns alone (key ids, NAME=value pairs).
        yield return new StartResult(new FleetStatus(1, 1, "1 instance, AWS_SESSION_TOKEN=FwoGZXIvYXdzEJr//////////wEaDOEXAMPLETOKEN"), 2, "started with AKIAIOSFODNN7EXAMPLE", []);
    }

    [Fact]
    public void No_display_shows_a_secret_value_or_a_profile_name()
    {
        foreach (var value in LeakyDisplays())
        {
            // Act
            var outputs = new List<string> { FleetbookDisplay.ToHtml(value), FleetbookDisplay.ToText(value) };
            outputs.AddRange(FleetbookDisplay.ToMimeBundle(value).Values);
            if (value is RunReport report)
            {
                outputs.Add(report.ToHtmlPage(Fleetbook.Charts.PlotlyScript.Preloaded));
            }

            // Assert
            foreach (var output in outputs)
            {
                foreach (var secret in DisplayFixtures.SecretValues)
                {
                    Assert.False(output.Contains(secret, StringComparison.Ordinal), $"{value.GetType().Name} shows '{secret}'");
                }
            }
        }
    }

    [Fact]
    public void The_live_monitor_shows_no_secret_and_no_machine_path_in_any_of_its_forms()
    {
        // Arrange: a run of the leaky config whose fleet description and explanation carry a token and full paths.
        var leaky = new FleetStatus(2, 2, $"2 workers, AWS_SESSION_TOKEN=FwoGZXIvYXdzEJr//////////wEaDOEXAMPLETOKEN, logs in {DisplayFixtures.Project}/.fleetbook/PlateDemo/logs");
        var view = DisplayFixtures.Timeline.Aggregate(LiveMonitorView.For(DisplayFixtures.LeakyConfig, DisplayFixtures.Project), (v, s) => v.Add(s with
        {
            Fleet = leaky,
            Explanation = $"{s.Explanation} Profile acme-prod-admin; outputs in {DisplayFixtures.Project}/bucket; cache in {Home}/.cache/fleetbook",
        }));
        var terminal = new StringWriter();
        LiveDisplays.Console(terminal, redraw: true).Show(view);
        var log = new StringWriter();
        LiveDisplays.Console(log, redraw: false).Show(view);

        // Act
        var outputs = new List<string> { FleetbookDisplay.ToHtml(view), FleetbookDisplay.ToText(view), view.ToStatusLine(), terminal.ToString(), log.ToString() };
        outputs.AddRange(FleetbookDisplay.ToMimeBundle(view).Values);

        // Assert
        foreach (var output in outputs)
        {
            foreach (var secret in DisplayFixtures.SecretValues)
            {
                Assert.False(output.Contains(secret, StringComparison.Ordinal), $"the live view shows '{secret}':\n{output}");
            }

            Assert.DoesNotContain(DisplayFixtures.Project + "/", output);
            Assert.DoesNotContain(Home + "/", output);
        }

        Assert.Contains("logs in .fleetbook/PlateDemo/logs", outputs[1]);
        Assert.Contains("cache in ~/.cache/fleetbook", outputs[1]);
    }

    [Fact]
    public void A_config_names_its_credential_variables_hides_their_values_and_says_what_to_do()
    {
        // Act
        var text = FleetbookDisplay.ToText(DisplayFixtures.LeakyConfig);

        // Assert
        Assert.Contains("AWS_SECRET_ACCESS_KEY", text);
        Assert.Contains("(values not shown)", text);
        Assert.Contains("Problem: The environment holds AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, DB_PASSWORD.", text);
        Assert.Contains("task role", text);
        Assert.Contains("profile:", text);
        Assert.Contains("(set; not shown)", text);
    }

    [Fact]
    public void Log_excerpts_keep_their_lines_with_the_secrets_blanked()
    {
        // Arrange
        var report = (RunReport)LeakyDisplays().Single(v => v is RunReport);

        // Act
        var text = FleetbookDisplay.ToText(report);

        // Assert
        Assert.Contains("env: AWS_SECRET_ACCESS_KEY=[hidden]", text);
        Assert.Contains("connecting with password [hidden]", text);
        Assert.Contains("using profile [hidden] in eu-west-1", text);
    }

    [Fact]
    public void Paths_show_relative_to_the_project_and_the_home_folder_as_a_tilde()
    {
        // Arrange
        var report = (RunReport)LeakyDisplays().Single(v => v is RunReport);

        // Act
        var text = FleetbookDisplay.ToText(report);
        var plan = FleetbookDisplay.ToText(DisplayFixtures.Plan with { Config = DisplayFixtures.Config }, new DisplayOptions());

        // Assert
        Assert.Contains("reading bucket/images/A01.pgm", text);
        Assert.Contains("cache in ~/.cache/count-objects", text);
        Assert.DoesNotContain(DisplayFixtures.Project, text);
        Assert.Contains("state:        .fleetbook/PlateDemo", plan);
        Assert.DoesNotContain(DisplayFixtures.Project, plan);
    }

    [Fact]
    public void Every_value_in_the_html_is_encoded()
    {
        // Arrange
        var result = new SetupResult(new Queues.QueueInfo("<script>alert(1)</script>", "url", true, false), "dlq & co", ["created <b>queue</b>"]);

        // Act
        var html = FleetbookDisplay.ToHtml(result);

        // Assert
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<b>queue", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("dlq &amp; co", html);
    }
}
