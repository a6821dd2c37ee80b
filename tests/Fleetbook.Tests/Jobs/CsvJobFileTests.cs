using Fleetbook.Jobs;

namespace Fleetbook.Tests.Jobs;

public class CsvJobFileTests
{
    [Fact]
    public void A_CSV_job_list_becomes_one_group_message_per_row()
    {
        // Arrange
        var text = "Plate,Well,Site\nP1,A01,1\nP2,B02,2\n";

        // Act
        var contents = JobFile.Parse(text, "jobs.csv");

        // Assert
        Assert.Equal(JobFileFormat.Csv, contents.Format);
        Assert.Equal(
            new[] { "{\"group\": {\"Plate\": \"P1\", \"Well\": \"A01\", \"Site\": \"1\"}}", "{\"group\": {\"Plate\": \"P2\", \"Well\": \"B02\", \"Site\": \"2\"}}" },
            contents.Jobs.Select(job => job.Body));
        Assert.Equal(("row 2", 3, 1), (contents.Jobs[1].Where, contents.Jobs[1].Line, contents.Jobs[1].Column));
    }

    [Fact]
    public void Quoted_cells_keep_commas_doubled_quotes_and_line_breaks()
    {
        // Arrange (expected from Python: json.dumps({"group": row}) for each csv.DictReader row)
        var text = "\uFEFFName,Note,N\r\n\"Smith, J\",\"said \"\"hi\"\"\",1\r\n\r\n\"multi\nline\",\u00e9,\r\n";

        // Act
        var jobs = JobFile.Parse(text, "jobs.csv").Jobs;

        // Assert
        Assert.Equal(2, jobs.Count);
        Assert.Equal("{\"group\": {\"Name\": \"Smith, J\", \"Note\": \"said \\\"hi\\\"\", \"N\": \"1\"}}", jobs[0].Body);
        Assert.Equal("{\"group\": {\"Name\": \"multi\\nline\", \"Note\": \"\\u00e9\", \"N\": \"\"}}", jobs[1].Body);
        Assert.Equal(("row 2", 4), (jobs[1].Where, jobs[1].Line));
    }

    [Fact]
    public void Blank_lines_and_a_missing_final_line_break_are_fine()
    {
        // Arrange
        var text = "\n\nWell\n\nA01\n\n\nB02";

        // Act
        var jobs = JobFile.Parse(text, "jobs.csv").Jobs;

        // Assert
        Assert.Equal(new[] { "{\"group\": {\"Well\": \"A01\"}}", "{\"group\": {\"Well\": \"B02\"}}" }, jobs.Select(job => job.Body));
        Assert.Equal(new[] { 5, 8 }, jobs.Select(job => job.Line));
    }

    [Fact]
    public void A_csv_file_on_disk_is_read_as_CSV_by_its_extension()
    {
        // Arrange
        var path = Path.Combine(Path.GetTempPath(), $"fleetbook-jobs-{Guid.NewGuid():N}.CSV");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. "Plate\r\nP\u00e9\r\n"u8]);

        try
        {
            // Act
            var contents = JobFile.Read(path);

            // Assert
            Assert.Equal(JobFileFormat.Csv, contents.Format);
            Assert.Equal("{\"group\": {\"Plate\": \"P\\u00e9\"}}", Assert.Single(contents.Jobs).Body);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_CSV_row_gets_a_job_id_from_its_values()
    {
        // Arrange
        var jobs = JobFile.Parse("Plate,Well\nP1,A01\n", "jobs.csv").Jobs;

        // Act
        var message = JobMessage.Parse(jobs[0].Body);

        // Assert
        Assert.Equal("P1-A01", message.JobId);
        Assert.Equal("A01", message.Resolve("group.Well"));
    }
}
