using Fleetbook.Inputs;
using Fleetbook.Jobs;

namespace Fleetbook.Tests.Jobs;

public class CheckTemplatesTests
{
    private const string JobText = """
        {
          "input_location": "bucket/in",
          "groups": [
            {"Plate": "P1", "Well": "A01"},
            {"Plate": "P1", "Well": "A02"},
            {"Plate": "P2"}
          ]
        }
        """;

    [Fact]
    public void Templates_every_job_can_fill_pass()
    {
        // Arrange
        var jobs = JobFile.Parse(JobText, "jobs.json");
        var templates = new[] { ("command[1]", Template.Parse("{input_location}/{group.Plate}")), ("outputs", Template.Parse("{output_dir}/{job_id}")) };

        // Act
        var exception = Record.Exception(() => JobFile.CheckTemplates(jobs, templates));

        // Assert
        Assert.Null(exception);
    }

    [Fact]
    public void A_placeholder_a_job_lacks_names_the_first_such_job_and_the_setting()
    {
        // Arrange
        var jobs = JobFile.Parse(JobText, "jobs.json");
        var templates = new[] { ("command[2]", Template.Parse("--well={group.Well}")) };

        // Act
        var error = Assert.Throws<InputException>(() => JobFile.CheckTemplates(jobs, templates));

        // Assert
        var problem = Assert.Single(error.Problems);
        Assert.Equal(("jobs.json", 6, 5, "groups[2]"), (problem.File, problem.Line, problem.Column, problem.Where));
        Assert.Contains("command[2] uses {group.Well}", problem.Message);
        Assert.Contains("{group.Plate}", problem.Fix);
        Assert.Contains("{input_location}", problem.Fix);
    }

    [Fact]
    public void A_misspelt_placeholder_suggests_the_nearest_key()
    {
        // Arrange
        var jobs = JobFile.Parse(JobText, "jobs.json");
        var templates = new[] { ("command[0]", Template.Parse("{group.Plat}")), ("inputs", Template.Parse("{Plate}/{input_locaton}")) };

        // Act
        var error = Assert.Throws<InputException>(() => JobFile.CheckTemplates(jobs, templates));

        // Assert
        Assert.Equal(3, error.Problems.Count);
        Assert.All(error.Problems, problem => Assert.Equal("groups[0]", problem.Where));
        Assert.Contains("did you mean {group.Plate}?", error.Problems[0].Fix);
        Assert.Contains("inputs uses {Plate}", error.Problems[1].Message);
        Assert.Contains("did you mean {group.Plate}?", error.Problems[1].Fix);
        Assert.Contains("did you mean {input_location}?", error.Problems[2].Fix);
    }

    [Fact]
    public void A_placeholder_used_by_several_settings_is_reported_once_naming_them_all()
    {
        // Arrange
        var jobs = JobFile.Parse("Plate,Well\nP1,A01\n", "jobs.csv");
        var templates = new[] { ("command[1]", Template.Parse("{group.Site}")), ("outputs", Template.Parse("out/{group.Site}/{group.Site}")) };

        // Act
        var error = Assert.Throws<InputException>(() => JobFile.CheckTemplates(jobs, templates));

        // Assert
        var problem = Assert.Single(error.Problems);
        Assert.Equal(("jobs.csv", 2, 1, "row 1"), (problem.File, problem.Line, problem.Column, problem.Where));
        Assert.Contains("command[1] and outputs use", problem.Message);
        Assert.Contains("add \"Site\" to every row", problem.Fix);
    }

    [Fact]
    public void Metadata_placeholders_are_checked_against_each_DCP_groups_Metadata()
    {
        // Arrange
        var text = """{"pipeline": "p", "data_file": "d", "input": "i", "output": "o", "groups": [{"Metadata": "Metadata_Plate=P1,Metadata_Well=A01"}, {"Metadata": "Metadata_Plate=P1"}]}""";
        var jobs = JobFile.Parse(text, "dcp.json");
        var templates = new[] { ("command[3]", Template.Parse("-g Metadata_Well={metadata.Metadata_Well}")) };

        // Act
        var error = Assert.Throws<InputException>(() => JobFile.CheckTemplates(jobs, templates));

        // Assert
        var problem = Assert.Single(error.Problems);
        Assert.Equal("groups[1]", problem.Where);
        Assert.Contains("{metadata.Metadata_Plate}", problem.Fix);
        Assert.Contains("Metadata_Well=", problem.Fix);
    }
}
