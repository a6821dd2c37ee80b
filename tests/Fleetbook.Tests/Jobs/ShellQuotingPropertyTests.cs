using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Fleetbook.Configuration;
using Fleetbook.Inputs;
using Fleetbook.Jobs;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Jobs;

/// <summary>
/// Random job values full of shell syntax go through every place a placeholder can sit in a <c>"shell": true</c>
/// command. Either the config check refuses the template, or each value reaches the program byte for byte and nothing
/// else runs. Values go the whole way: a job file, the submit checks, the message a worker receives, the argument
/// vector it starts, and a real /bin/sh (and bash, which is /bin/sh on Amazon Linux). A value holding NUL, which no
/// program can receive, is refused at submit.
/// </summary>
public class ShellQuotingPropertyTests
{
    private const int ValuesPerPlace = 40;
    private const string Canary = "CANARY";

    private static readonly string[] Fragments =
    [
        "'", "\"", "$", "`", "\\", "\n", "\r", "\t", " ", ";", "|", "&", "*", "?", "[", "]", "~", "{", "}", "(", ")", "<", ">", "#", "!", "=", "%s", "-n", "--",
        "$(touch CANARY)", "`touch CANARY`", "; touch CANARY", "| touch CANARY", "&& touch CANARY", "\ntouch CANARY\n", "'; touch CANARY; '",
        "\"; touch CANARY; \"", "$((1+1))", "${HOME}", "$HOME", "$1", "$@", "EOF\ntouch CANARY\nEOF", "\\'", "\\\"", "\\$(touch CANARY)",
        "a[$(touch CANARY)]", "é", "😀", "\u202e", "\x1b[2J", "x", "plain", "0",
    ];

    /// <summary>Places a value can go in faithfully: <c>‹v›</c> stands for the value's placeholder, <c>‹n›</c> for its number.</summary>
    public static TheoryData<string, string, string> FaithfulPlaces => new()
    {
        { "bare word", "printf '%s' ‹v› > out‹n›", "{0}" },
        { "after name=", "x=‹v›; printf '%s' \"$x\" > out‹n›", "{0}" },
        { "double quotes", "printf '%s' \"<‹v›>\" > out‹n›", "<{0}>" },
        { "single quotes", "printf '%s' '<‹v›>' > out‹n›", "<{0}>" },
        { "one word of every kind", "printf '%s' a\"b‹v›c\"'d‹v›e'f‹v› > out‹n›", "ab{0}cd{0}ef{0}" },
        { "$(…)", ": \"$(printf '%s' ‹v› > out‹n›)\"", "{0}" },
        { "double quotes in $(…) in double quotes", "printf '%s' \"$(printf '%s' \"‹v›\"; printf .)\" > out‹n›", "{0}." },
        { "here-document", "cat > out‹n› <<EOF\n‹v›\nEOF", "{0}\n" },
        { "here-document with tabs stripped", "cat > out‹n› <<-END\n\t<‹v›>\n\tEND", "<{0}>\n" },
        { "function body", "f() {{ printf '%s' ‹v› > out‹n›; }}; f", "{0}" },
        { "case word and body", "case ‹v› in *) printf '%s' ‹v› > out‹n›;; esac", "{0}" },
        { "pipeline", "printf '%s' ‹v› | cat > out‹n›", "{0}" },
        { "subshell", "(printf '%s' ‹v›) > out‹n›", "{0}" },
    };

    public static TheoryData<string, string> RefusedPlaces => new()
    {
        { "backquotes", "x=`printf '%s' ‹v›`" },
        { "comment", "true # ‹v›" },
        { "${…}", "printf '%s' \"${{x:-‹v›}}\"" },
        { "$((…))", "echo $((‹v›))" },
        { "((…))", "((‹v›)) && true" },
        { "quoted here-document", "cat <<'EOF'\n‹v›\nEOF" },
        { "here-document delimiter", "cat <<‹v›\nx\n" },
        { "after $", "echo $‹v›" },
        { "after a backslash", "echo \\‹v›" },
        { "$'…'", "echo $'‹v›'" },
    };

    [Theory]
    [MemberData(nameof(FaithfulPlaces))]
    public async Task Random_values_reach_the_program_byte_for_byte_and_run_nothing(string place, string pattern, string expected)
    {
        foreach (var seed in new[] { 1, 2, 3 })
        {
            // Arrange
            using var folder = new TempFolder("shell-" + seed);
            var canary = folder.File(Canary);
            var values = RandomValues(seed * 7919 + place.Length, canary).Where(v => !v.Contains('\0')).ToList();
            var script = string.Join("\n", values.Select((_, i) => pattern.Replace("‹v›", $"{{v{i}}}", StringComparison.Ordinal).Replace("‹n›", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)));
            var config = ShellConfig(script);
            var message = CheckedMessage(folder, values, config);

            foreach (var shell in Shells())
            {
                // Act
                var (exit, errors) = await RunAsync(shell, message, config, folder.Path);

                // Assert
                Assert.True(exit == 0, $"{place} under {shell}: exit {exit}: {errors}");
                for (var i = 0; i < values.Count; i++)
                {
                    var want = Encoding.UTF8.GetBytes(string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, values[i]));
                    var got = File.ReadAllBytes(folder.File("out" + i));
                    Assert.True(want.AsSpan().SequenceEqual(got), $"{place} under {shell}, seed {seed}: {JsonSerializer.Serialize(values[i])} arrived as {JsonSerializer.Serialize(Encoding.UTF8.GetString(got))}");
                }

                Assert.False(File.Exists(canary), $"{place} under {shell}, seed {seed}: a value ran a command");
            }
        }
    }

    [Theory]
    [MemberData(nameof(RefusedPlaces))]
    public void A_place_no_value_can_go_in_faithfully_is_refused_when_the_config_is_read(string place, string pattern)
    {
        // Arrange
        var json = JsonSerializer.Serialize(new { appName = "Shell", shell = true, command = new[] { pattern.Replace("‹v›", "{group.v}", StringComparison.Ordinal) } });

        // Act
        var error = Assert.Throws<InputException>(() => ConfigFile.Parse(json, "fleetbook.json"));

        // Assert
        var problem = Assert.Single(error.Problems);
        Assert.Equal("command[0]", problem.Where);
        Assert.Contains("{group.v}", problem.Message + problem.Fix);
        Assert.Contains("\"shell\": true", problem.Message);
        Assert.False(string.IsNullOrEmpty(problem.Fix), place);
    }

    [Fact]
    public void A_value_holding_NUL_is_refused_at_submit_naming_the_job_and_the_placeholder()
    {
        // Arrange
        using var folder = new TempFolder("shell-nul");
        var nul = RandomValues(11, folder.File(Canary)).Where(v => v.Contains('\0')).Take(5).ToList();
        Assert.NotEmpty(nul);

        foreach (var value in nul)
        {
            // Act
            var error = Assert.Throws<InputException>(() => CheckedMessage(folder, [value], ShellConfig("printf '%s' {v0} > out0")));

            // Assert
            var problem = Assert.Single(error.Problems);
            Assert.Equal("groups[0]", problem.Where);
            Assert.Contains("{v0}", problem.Message);
            Assert.Contains("NUL", problem.Message);
        }
    }

    private static RunConfig ShellConfig(string script)
    {
        var json = JsonSerializer.Serialize(new { appName = "Shell", shell = true, command = new[] { script } });
        return ConfigFile.Parse(json, "fleetbook.json");
    }

    /// <summary>The values as shared keys of a Distributed-Something job file, through submit's checks, to the message a worker receives.</summary>
    private static JobMessage CheckedMessage(TempFolder folder, IReadOnlyList<string> values, RunConfig config)
    {
        var file = new Dictionary<string, object>();
        for (var i = 0; i < values.Count; i++)
        {
            file["v" + i] = values[i];
        }

        file["groups"] = new[] { new { n = "1" } };
        var path = folder.Write("jobs.json", JsonSerializer.Serialize(file));
        var contents = JobFile.Read(path);
        JobFile.CheckBeforeSending(contents, new JobTemplates([.. config.Command.Select(Template.Parse)], Template.Parse(config.Outputs), null, config.Shell));
        return JobMessage.Parse(contents.Jobs[0].Body);
    }

    private static IEnumerable<string> Shells() =>
        new[] { ShellCommand.Shell, "/bin/bash", "/bin/dash" }.Where(File.Exists).Select(path => new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path).Distinct();

    private static async Task<(int Exit, string Errors)> RunAsync(string shell, JobMessage message, RunConfig config, string folder)
    {
        var arguments = ShellCommand.Arguments([.. config.Command.Select(Template.Parse)], placeholder => message.Resolve(placeholder.Name));
        var start = new ProcessStartInfo(shell) { WorkingDirectory = folder, RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true };
        foreach (var argument in arguments.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await errors + await output);
    }

    private static List<string> RandomValues(int seed, string canaryPath)
    {
        var random = new Random(seed);
        var values = new List<string>();
        for (var i = 0; i < ValuesPerPlace; i++)
        {
            var value = new StringBuilder();
            var pieces = random.Next(1, 8);
            for (var p = 0; p < pieces; p++)
            {
                value.Append(random.Next(6) == 0 ? (char)random.Next(1, 0x7f) : Fragments[random.Next(Fragments.Length)]);
            }

            if (random.Next(10) == 0)
            {
                var at = random.Next(value.Length + 1);
                value.Insert(at < value.Length && char.IsLowSurrogate(value[at]) ? at + 1 : at, '\0');
            }

            values.Add(value.ToString().Replace(Canary, canaryPath, StringComparison.Ordinal));
        }

        return values;
    }
}
