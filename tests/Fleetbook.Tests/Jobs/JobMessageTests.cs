using Fleetbook.Inputs;
using Fleetbook.Jobs;

namespace Fleetbook.Tests.Jobs;

public class JobMessageTests
{
    private const string DcpBody = "{\"Metadata\": \"Metadata_Plate=Plate1,Metadata_Well=A01,Metadata_Site=1\", \"pipeline\": \"projects/analysis.cppipe\", \"output\": \"projects/output/\", \"input\": \"projects/input/\", \"data_file\": \"projects/list_of_images.csv\", \"output_structure\": \"STRUCTURE\"}";

    [Fact]
    public void The_job_id_of_a_group_joins_its_values_in_sorted_key_order_as_Python_prints_them()
    {
        // Arrange
        var body = "{\"input_location\": \"x\", \"group\": {\"Plate\": \"P1\", \"Well\": \"A01\", \"Site\": 3, \"Flag\": true, \"Ratio\": 1e5, \"None\": null}}";

        // Act
        var message = JobMessage.Parse(body);

        // Assert
        // Distributed-Something's worker sorts the group's keys (groupkeys.sort()): Flag, None, Plate, Ratio, Site, Well.
        Assert.Equal("True-None-P1-100000.0-3-A01", message.JobId);
    }

    [Theory]
    [InlineData("", "Plate1-A01-1")]
    [InlineData("Metadata_Plate-Metadata_Well-Metadata_Site", "Plate1-A01-1")]
    [InlineData("Metadata_Plate/analysis/Metadata_Plate-Metadata_Well-Metadata_Site", "Plate1/analysis/Plate1-A01-1")]
    [InlineData("Metadata_Well", "A01")]
    public void The_job_id_of_a_Metadata_string_follows_the_output_structure_or_joins_the_values(string structure, string expected)
    {
        // Arrange
        var body = DcpBody.Replace("STRUCTURE", structure);

        // Act
        var message = JobMessage.Parse(body);

        // Assert
        Assert.Equal(expected, message.JobId);
    }

    [Fact]
    public void The_job_id_of_a_Metadata_object_uses_its_keys_and_values()
    {
        // Arrange
        var withStructure = "{\"Metadata\": {\"Metadata_Plate\": \"P1\", \"Metadata_Well\": \"B02\"}, \"output_structure\": \"Metadata_Plate/Metadata_Well\"}";
        var withoutStructure = "{\"Metadata\": {\"Metadata_Plate\": \"P1\", \"Metadata_Well\": \"B02\"}, \"output_structure\": \"\"}";

        // Act
        var structured = JobMessage.Parse(withStructure);
        var joined = JobMessage.Parse(withoutStructure);

        // Assert
        Assert.Equal("P1/B02", structured.JobId);
        Assert.Equal("P1-B02", joined.JobId);
    }

    [Fact]
    public void A_Metadata_key_that_starts_another_key_does_not_clobber_it()
    {
        // Arrange (DCP#59: plain str.replace of Metadata_S would turn Metadata_Site into "s1ite")
        var body = "{\"Metadata\": \"Metadata_S=s1,Metadata_Site=7\", \"output_structure\": \"Metadata_Site-Metadata_S\"}";

        // Act
        var message = JobMessage.Parse(body);

        // Assert
        Assert.Equal("7-s1", message.JobId);
    }

    [Fact]
    public void A_Metadata_value_that_looks_like_a_key_is_not_replaced_again()
    {
        // Arrange
        var body = "{\"Metadata\": \"Metadata_A=Metadata_B,Metadata_B=x\", \"output_structure\": \"Metadata_A-Metadata_B\"}";

        // Act
        var message = JobMessage.Parse(body);

        // Assert
        Assert.Equal("Metadata_B-x", message.JobId);
    }

    [Theory]
    [InlineData("{\"x\": 1}", "job-613fe5aa6534")]
    [InlineData("{\"group\": {}}", "job-462babe8cfe1")]
    public void A_message_without_group_or_Metadata_gets_a_stable_id_from_its_body(string body, string expected)
    {
        // Arrange (expected: "job-" + hashlib.sha256(body.encode()).hexdigest()[:12])

        // Act
        var message = JobMessage.Parse(body);

        // Assert
        Assert.Equal(expected, message.JobId);
    }

    [Fact]
    public void Placeholders_resolve_to_group_metadata_and_top_level_values()
    {
        // Arrange
        var body = "{\"flag\": true, \"n\": 2.50, \"list\": [1, \"a\"], \"none\": null, \"Metadata\": \"Metadata_Well=A01,Metadata_Site=2\", \"group\": {\"Plate\": \"P1\", \"Count\": 4}}";

        // Act
        var message = JobMessage.Parse(body);

        // Assert
        Assert.Equal("P1", message.Resolve("group.Plate"));
        Assert.Equal("4", message.Resolve("group.Count"));
        Assert.Equal("A01", message.Resolve("metadata.Metadata_Well"));
        Assert.Equal("True", message.Resolve("flag"));
        Assert.Equal("2.5", message.Resolve("n"));
        Assert.Equal("[1, \"a\"]", message.Resolve("list"));
        Assert.Equal("None", message.Resolve("none"));
        Assert.Equal("{\"Plate\": \"P1\", \"Count\": 4}", message.Resolve("group"));
        Assert.Equal("4-P1", message.Resolve("job_id"));
    }

    [Theory]
    [InlineData("group.Missing")]
    [InlineData("metadata.Metadata_Plate")]
    [InlineData("absent")]
    [InlineData("input_dir")]
    [InlineData("output_dir")]
    public void Placeholders_the_message_cannot_fill_resolve_to_null(string name)
    {
        // Arrange
        var message = JobMessage.Parse("{\"Metadata\": \"Metadata_Well=A01\", \"group\": {\"Plate\": \"P1\"}}");

        // Act
        var value = message.Resolve(name);

        // Assert
        Assert.Null(value);
    }

    [Fact]
    public void Missing_placeholders_are_listed_once_and_built_ins_are_ignored()
    {
        // Arrange
        var message = JobMessage.Parse("{\"group\": {\"Plate\": \"P1\"}}");
        var templates = new[] { Template.Parse("run {group.Plate} {group.Wel} {job_id} {input_dir}"), Template.Parse("{output_dir}/{nope}/{group.Wel}") };

        // Act
        var missing = message.MissingPlaceholders(templates);

        // Assert
        Assert.Equal(new[] { "group.Wel", "nope" }, missing);
    }

    [Fact]
    public void A_message_that_is_not_an_object_is_an_input_error()
    {
        // Arrange
        var body = "[1, 2]";

        // Act
        var error = Assert.Throws<InputException>(() => JobMessage.Parse(body));

        // Assert
        var problem = Assert.Single(error.Problems);
        Assert.Equal((1, 1), (problem.Line, problem.Column));
        Assert.Contains("JSON object", problem.Message);
        Assert.False(string.IsNullOrEmpty(problem.Fix));
    }
}
