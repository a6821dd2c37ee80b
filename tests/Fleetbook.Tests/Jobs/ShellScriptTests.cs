using Fleetbook.Jobs;

namespace Fleetbook.Tests.Jobs;

/// <summary>Where /bin/sh reads each placeholder of a shell command, which decides how its value goes in (or whether it can).</summary>
public class ShellScriptTests
{
    [Theory]
    [InlineData("echo {a}", "Word")]
    [InlineData("x={a} prog", "Word")]
    [InlineData("echo \"<{a}>\"", "DoubleQuoted")]
    [InlineData("echo '<{a}>'", "SingleQuoted")]
    [InlineData("echo \"$(echo {a})\"", "Word")]
    [InlineData("echo \"$(echo \"{a}\")\"", "DoubleQuoted")]
    [InlineData("echo \"$(case x in a) echo {a};; esac)\" \"{b}\"", "Word DoubleQuoted")]
    [InlineData("echo a#{a} # {b}", "Word Refused")]
    [InlineData("cat <<EOF; echo \"{a}\"\n{b}\nEOF\necho {c}", "DoubleQuoted HereDocument Word")]
    [InlineData("cat <<A <<'B'\n{a}\nA\n{b}\nB\necho '{c}'", "HereDocument Refused SingleQuoted")]
    [InlineData("cat <<-EOF\n\t$(echo {a})\n\tEOF", "Word")]
    [InlineData("echo \"\\\"{a}\\\"\" '\\{b}'", "DoubleQuoted SingleQuoted")]
    [InlineData("echo ${{x:-{a}}} `echo {b}` $(({c})) $'{d}' ${e} \\{f}", "Refused Refused Refused Refused Refused Refused")]
    public void Each_placeholder_is_read_where_the_shell_reads_it(string script, string spots)
    {
        // Act
        var analysis = ShellScript.Analyze([Template.Parse(script)]);

        // Assert
        Assert.Equal(spots, string.Join(' ', analysis.Holes.Select(h => h.Spot)));
        Assert.Empty(analysis.Problems);
    }

    [Theory]
    [InlineData("echo \"{a}", "the \" opened here")]
    [InlineData("echo '{a}", "the ' opened here")]
    [InlineData("echo `date", "the ` opened here")]
    public void A_quote_that_never_closes_is_a_problem(string script, string message)
    {
        // Act
        var problem = Assert.Single(ShellScript.Analyze([Template.Parse(script)]).Problems);

        // Assert
        Assert.Contains(message, problem.Message);
    }

    [Fact]
    public void Values_follow_the_script_as_arguments_and_the_script_names_them_as_variables()
    {
        // Arrange
        var command = new[] { Template.Parse("printf '%s|%s' '{group.v}'"), Template.Parse("\"{group.v}\" {job_id} > {output_dir}/o") };
        var values = new Dictionary<string, string> { ["group.v"] = "$(x)'", ["job_id"] = "a b", ["output_dir"] = "/w/out" };

        // Act
        var arguments = ShellCommand.Arguments(command, p => values[p.Name]);

        // Assert
        Assert.Equal(
            [
                "/bin/sh", "-c",
                "fleetbook_value_1=${1} fleetbook_value_2=${2} fleetbook_value_3=${3}; shift 3; printf '%s|%s' ''\"${fleetbook_value_1}\"'' \"${fleetbook_value_1}\" \"${fleetbook_value_2}\" > \"${fleetbook_value_3}\"/o",
                "/bin/sh", "$(x)'", "a b", "/w/out",
            ],
            arguments);
    }

    [Fact]
    public void A_script_without_placeholders_runs_as_it_is()
    {
        // Act
        var arguments = ShellCommand.Arguments([Template.Parse("date; echo \"$HOME\"")], _ => null);

        // Assert
        Assert.Equal(["/bin/sh", "-c", "date; echo \"$HOME\"", "/bin/sh"], arguments);
    }
}
