using Fleetbook.Inputs;
using Fleetbook.Jobs;

namespace Fleetbook.Tests.Jobs;

public class BadJobFileTests
{
    private const string DcpKeys = "\"pipeline\": \"p.cppipe\", \"data_file\": \"d.csv\", \"input\": \"in/\", \"output\": \"out/\"";

    [Fact]
    public void A_job_file_that_is_not_an_object_is_refused()
    {
        // Arrange
        var text = "[{\"a\": 1}]";

        // Act
        var problem = SingleProblem(() => JobFile.Parse(text, "jobs.json"));

        // Assert
        AssertAt(problem, "jobs.json", 1, 1);
        Assert.Contains("JSON object", problem.Message);
    }

    [Fact]
    public void A_job_file_without_groups_is_refused_and_told_that_each_group_becomes_a_job()
    {
        // Arrange
        var text = "{\n  \"input\": \"x\",\n  \"Groups\": []\n}";

        // Act
        var problem = SingleProblem(() => JobFile.Parse(text, "jobs.json"));

        // Assert
        AssertAt(problem, "jobs.json", 1, 1);
        Assert.Contains("no \"groups\" list", problem.Message);
        Assert.Contains("each group becomes one job", problem.Fix);
        Assert.Contains("rename \"Groups\"", problem.Fix);
    }

    [Fact]
    public void Groups_that_are_not_a_list_are_refused()
    {
        // Arrange
        var text = "{\n  \"groups\": {\"a\": 1}\n}";

        // Act
        var problem = SingleProblem(() => JobFile.Parse(text, "jobs.json"));

        // Assert
        AssertAt(problem, "jobs.json", 2, 13);
        Assert.Equal("groups", problem.Where);
        Assert.Contains("an object", problem.Message);
    }

    [Fact]
    public void An_empty_groups_list_means_no_jobs()
    {
        // Arrange
        var text = "{\"x\": 1, \"groups\": []}";

        // Act
        var problem = SingleProblem(() => JobFile.Parse(text, "jobs.json"));

        // Assert
        AssertAt(problem, "jobs.json", 1, 20);
        Assert.Equal("groups", problem.Where);
        Assert.Contains("no jobs", problem.Message);
    }

    [Fact]
    public void Every_group_that_is_not_an_object_is_reported()
    {
        // Arrange
        var text = "{\"groups\": [\n  {\"a\": 1},\n  \"b\",\n  3\n]}";

        // Act
        var error = Assert.Throws<InputException>(() => JobFile.Parse(text, "jobs.json"));

        // Assert
        Assert.Equal(2, error.Problems.Count);
        AssertAt(error.Problems[0], "jobs.json", 3, 3);
        Assert.Equal("groups[1]", error.Problems[0].Where);
        Assert.Contains("the string \"b\"", error.Problems[0].Message);
        AssertAt(error.Problems[1], "jobs.json", 4, 3);
        Assert.Equal("groups[2]", error.Problems[1].Where);
    }

    [Fact]
    public void A_long_run_of_the_same_mistake_is_cut_short_with_a_count()
    {
        // Arrange
        var text = "{\"groups\": [" + string.Join(", ", Enumerable.Repeat("1", 25)) + "]}";

        // Act
        var error = Assert.Throws<InputException>(() => JobFile.Parse(text, "jobs.json"));

        // Assert
        Assert.Equal(21, error.Problems.Count);
        Assert.Contains("5 more groups", error.Problems[^1].Message);
        Assert.Equal("jobs.json", error.Problems[^1].File);
    }

    [Fact]
    public void A_forced_DCP_file_must_name_pipeline_data_file_input_and_output()
    {
        // Arrange
        var text = "{\"pipeline\": \"p.cppipe\", \"groups\": [{\"Metadata\": \"a=1\"}]}";

        // Act
        var error = Assert.Throws<InputException>(() => JobFile.Parse(text, "dcp.json", JobFileFormat.DistributedCellProfiler));

        // Assert
        Assert.Equal(new[] { "data_file", "input", "output" }, error.Problems.Select(problem => problem.Where));
        Assert.All(error.Problems, problem => AssertAt(problem, "dcp.json", 1, 1));
    }

    [Fact]
    public void A_DCP_path_that_is_not_a_string_is_refused()
    {
        // Arrange
        var text = "{\"pipeline\": 7, \"data_file\": \"d.csv\", \"input\": \"in/\", \"output\": \"out/\", \"groups\": [{\"Metadata\": \"a=1\"}]}";

        // Act
        var problem = SingleProblem(() => JobFile.Parse(text, "dcp.json"));

        // Assert
        AssertAt(problem, "dcp.json", 1, 14);
        Assert.Equal("pipeline", problem.Where);
    }

    [Fact]
    public void A_DCP_Metadata_string_with_a_space_after_a_comma_is_refused_before_CellProfiler_fails_on_it()
    {
        // Arrange
        var text = "{" + DcpKeys + ",\n\"groups\": [\n  {\"Metadata\": \"Metadata_Plate=Plate1,Metadata_Well=A01\"},\n  {\"Metadata\": \"Metadata_Plate=Plate1, Metadata_Well=A01\"}\n]}";

        // Act
        var problem = SingleProblem(() => JobFile.Parse(text, "dcp.json"));

        // Assert
        AssertAt(problem, "dcp.json", 4, 16);
        Assert.Equal("groups[1].Metadata", problem.Where);
        Assert.Contains("dictionary update sequence element #1 has length 1; 2 is required", problem.Message);
        Assert.Contains("\"Metadata_Plate=Plate1,Metadata_Well=A01\"", problem.Fix);
    }

    [Theory]
    [InlineData("Metadata_Plate=Plate1,Metadata_Well", "has no '='")]
    [InlineData("Metadata_Plate=Plate1,,Metadata_Well=A01", "empty")]
    [InlineData("Metadata_Plate=a=b", "more than one '='")]
    [InlineData("", "empty")]
    public void A_DCP_Metadata_string_CellProfiler_cannot_split_is_refused(string metadata, string expected)
    {
        // Arrange
        var text = "{" + DcpKeys + ", \"groups\": [{\"Metadata\": \"" + metadata + "\"}]}";

        // Act
        var problem = SingleProblem(() => JobFile.Parse(text, "dcp.json"));

        // Assert
        AssertAt(problem, "dcp.json", 1, 106);
        Assert.Equal("groups[0].Metadata", problem.Where);
        Assert.Contains(expected, problem.Message);
    }

    [Fact]
    public void A_DCP_Metadata_that_is_neither_string_nor_object_is_refused()
    {
        // Arrange
        var text = "{" + DcpKeys + ", \"groups\": [{\"Metadata\": 12}]}";

        // Act
        var problem = SingleProblem(() => JobFile.Parse(text, "dcp.json"));

        // Assert
        AssertAt(problem, "dcp.json", 1, 106);
        Assert.Contains("the number 12", problem.Message);
    }

    [Fact]
    public void A_JSON_syntax_error_names_the_line_and_column()
    {
        // Arrange
        var text = "{\n  \"groups\": [\n    {\"a\": 1}\n    {\"a\": 2}\n  ]\n}";

        // Act
        var problem = SingleProblem(() => JobFile.Parse(text, "jobs.json"));

        // Assert
        AssertAt(problem, "jobs.json", 4, 5);
        Assert.Contains("not valid JSON", problem.Message);
    }

    [Fact]
    public void A_lone_surrogate_escape_is_an_input_error_not_a_crash()
    {
        // Arrange
        var text = "{\"groups\": [{\"a\": \"\\ud800\"}]}";

        // Act
        var error = Assert.Throws<InputException>(() => JobFile.Parse(text, "jobs.json"));

        // Assert
        var problem = Assert.Single(error.Problems);
        Assert.Equal("jobs.json", problem.File);
        Assert.False(string.IsNullOrWhiteSpace(problem.Fix));
    }

    [Fact]
    public void A_job_file_that_does_not_exist_is_named()
    {
        // Arrange
        var path = Path.Combine(Path.GetTempPath(), $"fleetbook-missing-{Guid.NewGuid():N}.json");

        // Act
        var problem = SingleProblem(() => JobFile.Read(path));

        // Assert
        Assert.Equal(path, problem.File);
        Assert.Contains("does not exist", problem.Message);
        Assert.Contains(path, problem.Fix);
    }

    [Fact]
    public void A_folder_is_not_a_job_file()
    {
        // Arrange
        var path = Path.GetTempPath();

        // Act
        var problem = SingleProblem(() => JobFile.Read(path));

        // Assert
        Assert.Equal(path, problem.File);
        Assert.Contains("folder", problem.Message);
        Assert.False(string.IsNullOrWhiteSpace(problem.Fix));
    }

    [Fact]
    public void A_CSV_header_cell_that_is_empty_is_refused()
    {
        // Arrange
        var text = "Plate,,Well\nP1,x,A01\n";

        // Act
        var problem = SingleProblem(() => JobFile.Parse(text, "jobs.csv"));

        // Assert
        AssertAt(problem, "jobs.csv", 1, 7);
        Assert.Equal("header column 2", problem.Where);
        Assert.Contains("empty", problem.Message);
    }

    [Fact]
    public void A_CSV_header_key_used_twice_is_refused()
    {
        // Arrange
        var text = "Plate,Well,Plate\nP1,A01,P2\n";

        // Act
        var problem = SingleProblem(() => JobFile.Parse(text, "jobs.csv"));

        // Assert
        AssertAt(problem, "jobs.csv", 1, 12);
        Assert.Equal("header column 3", problem.Where);
        Assert.Contains("column 1", problem.Message);
    }

    [Fact]
    public void A_CSV_row_with_the_wrong_number_of_cells_is_refused()
    {
        // Arrange
        var text = "Plate,Well,Site\nP1,A01,1\nP1,A02\nP1,A03,3,extra\n";

        // Act
        var error = Assert.Throws<InputException>(() => JobFile.Parse(text, "jobs.csv"));

        // Assert
        Assert.Equal(2, error.Problems.Count);
        AssertAt(error.Problems[0], "jobs.csv", 3, 1);
        Assert.Equal("row 2", error.Problems[0].Where);
        Assert.Contains("has 2 cells but the header has 3", error.Problems[0].Message);
        AssertAt(error.Problems[1], "jobs.csv", 4, 1);
        Assert.Contains("has 4 cells", error.Problems[1].Message);
    }

    [Fact]
    public void A_CSV_quote_that_is_never_closed_is_refused_at_the_opening_quote()
    {
        // Arrange
        var text = "Plate,Note\nP1,\"open\nP2,x\n";

        // Act
        var problem = SingleProblem(() => JobFile.Parse(text, "jobs.csv"));

        // Assert
        AssertAt(problem, "jobs.csv", 2, 4);
        Assert.Contains("never closed", problem.Message);
    }

    [Fact]
    public void CSV_text_after_a_closing_quote_is_refused()
    {
        // Arrange
        var text = "Plate,Note\nP1,\"a\"b\n";

        // Act
        var problem = SingleProblem(() => JobFile.Parse(text, "jobs.csv"));

        // Assert
        AssertAt(problem, "jobs.csv", 2, 7);
        Assert.Contains("after the closing quote", problem.Message);
    }

    [Theory]
    [InlineData("Plate,Well\r\n", "no rows")]
    [InlineData("", "empty")]
    [InlineData("\n\n", "empty")]
    public void A_CSV_file_without_rows_has_no_jobs(string text, string expected)
    {
        // Arrange

        // Act
        var problem = SingleProblem(() => JobFile.Parse(text, "jobs.csv"));

        // Assert
        AssertAt(problem, "jobs.csv", 1, 1);
        Assert.Contains(expected, problem.Message);
    }

    [Fact]
    public void A_CSV_file_that_is_not_UTF8_is_refused_at_the_bad_byte()
    {
        // Arrange (Latin-1 "é" as saved by some spreadsheet programs)
        var path = Path.Combine(Path.GetTempPath(), $"fleetbook-jobs-{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(path, [.. "Plate\nP1\nCaf"u8, 0xE9, (byte)'\n']);

        try
        {
            // Act
            var problem = SingleProblem(() => JobFile.Read(path));

            // Assert
            AssertAt(problem, path, 3, 4);
            Assert.Contains("UTF-8", problem.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static InputProblem SingleProblem(Action act) =>
        Assert.Single(Assert.Throws<InputException>(act).Problems);

    private static void AssertAt(InputProblem problem, string file, int line, int column)
    {
        Assert.Equal(file, problem.File);
        Assert.Equal((line, column), (problem.Line, problem.Column));
        Assert.False(string.IsNullOrWhiteSpace(problem.Fix), $"no fix in: {problem}");
    }
}
