using System.Text;
using System.Text.Json;
using Fleetbook.Configuration;
using Fleetbook.Inputs;
using Fleetbook.Jobs;
using Fleetbook.Steps;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Jobs;

/// <summary>Submit reads and checks the whole job file, and sends nothing from a file with any bad job.</summary>
public class SubmitCheckTests
{
    [Fact]
    public async Task Two_distinct_jobs_with_the_same_job_id_are_refused_naming_both_and_nothing_is_sent()
    {
        // Arrange (the example: both ids are P1-A01-1)
        using var folder = new TempFolder("collide");
        await using var run = await SetUpAsync(folder);
        var jobs = folder.Write("jobs.json", """
            {"groups": [
              {"Plate": "P1", "Well": "A01-1"},
              {"Plate": "P1", "Well": "B02"},
              {"Plate": "P1-A01", "Well": "1"}
            ]}
            """);

        // Act
        var error = await Assert.ThrowsAsync<InputException>(() => run.SubmitAsync(jobs));

        // Assert
        var problem = Assert.Single(error.Problems);
        Assert.Equal((jobs, 4, 3, "groups[2]"), (problem.File, problem.Line, problem.Column, problem.Where));
        Assert.Contains("groups[0]", problem.Message);
        Assert.Contains("\"P1-A01-1\"", problem.Message);
        Assert.Equal(0, (await run.StatusAsync()).Visible);
    }

    [Fact]
    public async Task The_same_job_twice_is_refused_as_a_duplicate()
    {
        // Arrange
        using var folder = new TempFolder("twice");
        await using var run = await SetUpAsync(folder);
        var jobs = folder.Write("jobs.json", """{"groups": [{"Well": "A01"}, {"Well": "A01"}]}""");

        // Act
        var error = await Assert.ThrowsAsync<InputException>(() => run.SubmitAsync(jobs));

        // Assert
        var problem = Assert.Single(error.Problems);
        Assert.Equal("groups[1]", problem.Where);
        Assert.Contains("same as groups[0]", problem.Message);
        Assert.Contains("remove one", problem.Fix);
    }

    [Theory]
    [InlineData("..", "'..' segment")]
    [InlineData(".", "'.' segment")]
    [InlineData("/abs", "starts with '/'")]
    [InlineData("a\\b", "backslash")]
    [InlineData("a/../../b", "'..' segment")]
    public async Task A_value_that_cannot_be_part_of_a_bucket_key_is_refused_with_the_job_and_the_fix(string value, string why)
    {
        // Arrange
        using var folder = new TempFolder("keys");
        await using var run = await SetUpAsync(folder, new RunConfig { AppName = "Keys", Command = ["prog"], Outputs = "results/{group.Well}" });
        var jobs = folder.Write("jobs.json", JsonSerializer.Serialize(new { groups = new[] { new { Well = "A01" }, new { Well = value } } }));

        // Act
        var error = await Assert.ThrowsAsync<InputException>(() => run.SubmitAsync(jobs));

        // Assert
        var problem = Assert.Single(error.Problems);
        Assert.Equal("groups[1]", problem.Where);
        Assert.Contains("{group.Well}", problem.Message);
        Assert.Contains("outputs prefix", problem.Message);
        Assert.Contains(why, problem.Message);
        Assert.Contains("relative path", problem.Fix);
    }

    [Theory]
    [InlineData("A01\u0000", "\\x00")]
    [InlineData("A01\n", "\\x0a")]
    [InlineData("\u001b[2J", "\\x1b")]
    [InlineData("A\u0085", "\\x85")]
    public async Task A_job_id_holding_a_control_character_or_NUL_is_refused(string value, string shown)
    {
        // Arrange
        using var folder = new TempFolder("control");
        await using var run = await SetUpAsync(folder);
        var jobs = folder.Write("jobs.json", JsonSerializer.Serialize(new { groups = new[] { new { Well = value } } }));

        // Act
        var error = await Assert.ThrowsAsync<InputException>(() => run.SubmitAsync(jobs));

        // Assert
        var problem = Assert.Single(error.Problems);
        Assert.Equal("groups[0]", problem.Where);
        Assert.Contains(shown, problem.Message);
        Assert.DoesNotContain(value, problem.ToString());
    }

    [Fact]
    public async Task A_NUL_in_a_value_the_command_uses_is_refused_even_when_the_id_does_not_use_it()
    {
        // Arrange
        using var folder = new TempFolder("nul");
        await using var run = await SetUpAsync(folder, new RunConfig { AppName = "Nul", Command = ["prog", "--note={note}"] });
        var jobs = folder.Write("jobs.json", """{"note": "a\u0000b", "groups": [{"Well": "A01"}]}""");

        // Act
        var error = await Assert.ThrowsAsync<InputException>(() => run.SubmitAsync(jobs));

        // Assert
        var problem = Assert.Single(error.Problems);
        Assert.Contains("{note}", problem.Message);
        Assert.Contains("command[1]", problem.Message);
        Assert.Contains("NUL", problem.Message);
    }

    [Fact]
    public async Task A_placeholder_of_the_outputs_prefix_that_a_job_lacks_is_reported_as_missing()
    {
        // Arrange
        using var folder = new TempFolder("prefix-missing");
        await using var run = await SetUpAsync(folder, new RunConfig { AppName = "Prefix", Command = ["prog"], Outputs = "results/{plate}/{job_id}" });
        var jobs = folder.Write("jobs.json", """{"groups": [{"Well": "A01"}]}""");

        // Act
        var error = await Assert.ThrowsAsync<InputException>(() => run.SubmitAsync(jobs));

        // Assert
        var problem = Assert.Single(error.Problems);
        Assert.Contains("{plate}", problem.Message);
        Assert.Contains("outputs", problem.Message);
        Assert.Equal(0, (await run.StatusAsync()).Visible);
    }

    [Fact]
    public async Task One_oversized_job_in_a_good_file_stops_the_whole_file_before_anything_is_sent()
    {
        // Arrange
        using var folder = new TempFolder("oversized");
        await using var run = await SetUpAsync(folder);
        var groups = new List<object> { new { Well = "A01" }, new { Well = "A02", Blob = new string('x', 300 * 1024) }, new { Well = "A03" } };
        var jobs = folder.Write("jobs.json", JsonSerializer.Serialize(new { groups }));

        // Act
        var error = await Assert.ThrowsAsync<InputException>(() => run.SubmitAsync(jobs));
        var cli = await CliRunner.RunAsync("submit", jobs, "-c", folder.File(RunConfig.DefaultFileName));

        // Assert
        var problem = Assert.Single(error.Problems);
        Assert.Equal("groups[1]", problem.Where);
        Assert.Contains("262,144", problem.Message);
        Assert.Equal(2, cli.ExitCode);
        Assert.Equal(0, (await run.StatusAsync()).Visible);
    }

    [Fact]
    public void A_key_written_twice_in_one_group_is_refused_with_the_key_the_job_line_and_column()
    {
        // Arrange
        var text = "{\"shared\": 1, \"shared\": 2, \"groups\": [\n  {\"Well\": \"A01\"},\n  {\"Well\": \"A02\", \"Site\": 1, \"Well\": \"B02\"}\n]}";

        // Act
        var error = Assert.Throws<InputException>(() => JobFile.Parse(text, "jobs.json"));

        // Assert
        var problem = Assert.Single(error.Problems);
        Assert.Equal((3, 30, "groups[1].Well"), (problem.Line, problem.Column, problem.Where));
        Assert.Contains("line 3, column 4", problem.Message);
    }

    [Fact]
    public void A_Metadata_key_written_twice_is_refused()
    {
        // Arrange
        var text = """{"pipeline": "p", "data_file": "d.csv", "input": "i/", "output": "o/", "groups": [{"Metadata": "Metadata_Plate=1,Metadata_Plate=2"}]}""";

        // Act
        var error = Assert.Throws<InputException>(() => JobFile.Parse(text, "jobs.json"));

        // Assert
        Assert.Contains("Metadata_Plate", Assert.Single(error.Problems).Message);
    }

    [Aws.Worker.LinuxFact]
    public async Task Submitting_dev_zero_ends_with_a_message_and_exit_2_not_out_of_memory()
    {
        // Arrange
        using var folder = new TempFolder("devzero");
        await using var run = await SetUpAsync(folder);

        // Act
        var outcome = await CliRunner.RunAsync("submit", "/dev/zero", "-c", folder.File(RunConfig.DefaultFileName));

        // Assert
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("/dev/zero", outcome.Error);
        Assert.Contains("not UTF-8 text", outcome.Error);
    }

    [Fact]
    public void A_job_file_larger_than_the_limit_is_refused_before_it_is_parsed()
    {
        // Arrange
        using var folder = new TempFolder("large");
        var path = folder.Write("jobs.json", "{\"groups\": [" + string.Join(",", Enumerable.Repeat("{\"a\": 1}", 200)) + "]}");

        // Act
        var error = Assert.Throws<InputException>(() => JobFile.ReadUpTo(path, JobFileFormat.Auto, 1024));

        // Assert
        var problem = Assert.Single(error.Problems);
        Assert.Contains("larger than 1,024 bytes", problem.Message);
        Assert.Contains("split it", problem.Fix);
    }

    [Fact]
    public void The_job_id_follows_Distributed_Somethings_sorted_keys_whatever_order_the_file_uses()
    {
        // Arrange (DS's generic-worker: groupkeys = list(group.keys()); groupkeys.sort())
        var contents = JobFile.Parse("""{"groups": [{"job_flag_3": "foo", "job_flag_2": "A"}, {"Well": "A01", "Plate": "P1", "site": "2", "Site": "1"}]}""", "jobs.json");

        // Act
        var ids = contents.Jobs.Select(job => JobMessage.Parse(job.Body).JobId).ToList();

        // Assert (code point order: upper case before lower case)
        Assert.Equal(["A-foo", "P1-1-A01-2"], ids);
    }

    private static Task<FleetRun> SetUpAsync(TempFolder folder, RunConfig? config = null) =>
        SavedConfigRun.SetUpAsync(folder, config ?? new RunConfig { AppName = "Checks", Command = ["prog", "{job_id}"] });
}
