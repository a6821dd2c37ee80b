using Fleetbook.Jobs;

namespace Fleetbook.Tests.Jobs;

public class JsonJobFileTests
{
    // files/exampleJob.json from Distributed-Something, verbatim.
    private const string DsExample = """
        {
          "_comment0": "All keys that contain '_comment' will be omitted from the job specification dictionary sent to SQS",
          "_comment1": "The top part should be variables common to all jobs",
          "_comment2": "These could be things like a master input location, run parameters, etc",
          "input_location": "Somewhere/on/your/bucket",
          "job_flag_1": "True",
          "_comment3": "The following groups are individual tasks, and each will be run in parallel",
          "groups": [
            {"job_flag_2": "A", "job_flag_3": "foo"},
            {"job_flag_2": "A", "job_flag_3": "bar"},
            {"job_flag_2": "B", "job_flag_3": "foo"},
            {"job_flag_2": "B", "job_flag_3": "bar"}
          ]
        }
        """;

    // files/exampleJob.json from Distributed-CellProfiler, verbatim (note the repeated "_comment2").
    private const string DcpExample = """
        {
          "_comment1": "Paths in this file are relative to the root of S3 buckets",
          "_comment2": "pipeline, data_file, and input are relative to SOURCE_BUCKET; output to DESTINATION_BUCKET",
          "pipeline": "projects/analysis.cppipe",
          "data_file": "projects/list_of_images.csv",
          "input": "projects/input/",
          "output": "projects/output/",
          "output_structure": "Metadata_Plate-Metadata_Well-Metadata_Site",
          "_comment2": "The following groups are tasks, and each will be run in parallel",
          "groups": [
            {"Metadata": "Metadata_Plate=Plate1,Metadata_Well=A01,Metadata_Site=1"},
            {"Metadata": "Metadata_Plate=Plate1,Metadata_Well=A01,Metadata_Site=2"}
          ]
        }
        """;

    [Fact]
    public void A_Distributed_Something_job_file_becomes_one_message_per_group()
    {
        // Arrange
        var text = DsExample;

        // Act
        var contents = JobFile.Parse(text, "exampleJob.json");

        // Assert
        Assert.Equal(JobFileFormat.DistributedSomething, contents.Format);
        Assert.Equal(4, contents.Jobs.Count);
        Assert.Equal("{\"input_location\": \"Somewhere/on/your/bucket\", \"job_flag_1\": \"True\", \"group\": {\"job_flag_2\": \"A\", \"job_flag_3\": \"foo\"}}", contents.Jobs[0].Body);
        Assert.Equal("{\"input_location\": \"Somewhere/on/your/bucket\", \"job_flag_1\": \"True\", \"group\": {\"job_flag_2\": \"B\", \"job_flag_3\": \"bar\"}}", contents.Jobs[3].Body);
    }

    [Fact]
    public void Each_job_remembers_where_its_group_starts()
    {
        // Arrange
        var text = DsExample;

        // Act
        var jobs = JobFile.Parse(text, "exampleJob.json").Jobs;

        // Assert
        Assert.Equal(new[] { "groups[0]", "groups[1]", "groups[2]", "groups[3]" }, jobs.Select(job => job.Where));
        Assert.Equal((9, 5), (jobs[0].Line, jobs[0].Column));
        Assert.Equal((12, 5), (jobs[3].Line, jobs[3].Column));
    }

    [Fact]
    public void A_Distributed_CellProfiler_job_file_becomes_the_fixed_DCP_message()
    {
        // Arrange
        var text = DcpExample;

        // Act
        var contents = JobFile.Parse(text, "exampleJob.json");

        // Assert
        Assert.Equal(JobFileFormat.DistributedCellProfiler, contents.Format);
        Assert.Equal(2, contents.Jobs.Count);
        Assert.Equal("{\"Metadata\": \"Metadata_Plate=Plate1,Metadata_Well=A01,Metadata_Site=1\", \"pipeline\": \"projects/analysis.cppipe\", \"output\": \"projects/output/\", \"input\": \"projects/input/\", \"data_file\": \"projects/list_of_images.csv\", \"output_structure\": \"Metadata_Plate-Metadata_Well-Metadata_Site\"}", contents.Jobs[0].Body);
        Assert.EndsWith("Metadata_Site=2\", \"pipeline\": \"projects/analysis.cppipe\", \"output\": \"projects/output/\", \"input\": \"projects/input/\", \"data_file\": \"projects/list_of_images.csv\", \"output_structure\": \"Metadata_Plate-Metadata_Well-Metadata_Site\"}", contents.Jobs[1].Body);
    }

    [Fact]
    public void A_DCP_group_without_Metadata_is_sent_whole_as_the_Metadata()
    {
        // Arrange (cellprofiler --print-groups style; DCP's run.py sends the whole group)
        var text = """
            {"pipeline": "p.cppipe", "data_file": "d.csv", "input": "in/", "output": "out/", "extra": 1,
             "groups": [{"Metadata_Plate": "P1", "Metadata_Well": "A01"}]}
            """;

        // Act
        var contents = JobFile.Parse(text, "job.json", JobFileFormat.DistributedCellProfiler);

        // Assert
        Assert.Equal("{\"Metadata\": {\"Metadata_Plate\": \"P1\", \"Metadata_Well\": \"A01\"}, \"pipeline\": \"p.cppipe\", \"output\": \"out/\", \"input\": \"in/\", \"data_file\": \"d.csv\", \"output_structure\": \"\"}", contents.Jobs[0].Body);
    }

    [Fact]
    public void A_file_with_the_DCP_keys_but_groups_without_Metadata_is_read_as_Distributed_Something()
    {
        // Arrange
        var text = """{"pipeline": "p", "data_file": "d", "input": "i", "output": "o", "groups": [{"Metadata": "a=1"}, {"Well": "A01"}]}""";

        // Act
        var contents = JobFile.Parse(text, "job.json");

        // Assert
        Assert.Equal(JobFileFormat.DistributedSomething, contents.Format);
        Assert.Equal("{\"pipeline\": \"p\", \"data_file\": \"d\", \"input\": \"i\", \"output\": \"o\", \"group\": {\"Well\": \"A01\"}}", contents.Jobs[1].Body);
    }

    [Fact]
    public void A_top_level_group_key_is_replaced_by_each_group_in_its_own_place()
    {
        // Arrange (Python: templateMessage["group"] = g overwrites the value, keeps the key's position)
        var text = """{"a": 1, "group": "shared", "b": 2, "groups": [{"x": "1"}]}""";

        // Act
        var body = JobFile.Parse(text, "job.json").Jobs[0].Body;

        // Assert
        Assert.Equal("{\"a\": 1, \"group\": {\"x\": \"1\"}, \"b\": 2}", body);
    }

    [Fact]
    public void Distributed_Something_messages_are_what_Python_json_dumps_sends()
    {
        // Arrange (expected from DS run.py's logic run under Python 3.11)
        var text = """
            {"z": 1, "_comment": "x", "group": "old", "a": [1.5e3, -0, "é\n"], "z": {"n": null, "t": true},
             "groups": [{"w": "B", "x": 1e400}, {}, {"k": "😀"}], "b_comment_c": 1, "tail": 0.1}
            """;

        // Act
        var jobs = JobFile.Parse(text, "job.json").Jobs;

        // Assert
        Assert.Equal("{\"z\": {\"n\": null, \"t\": true}, \"group\": {\"w\": \"B\", \"x\": Infinity}, \"a\": [1500.0, 0, \"\\u00e9\\n\"], \"tail\": 0.1}", jobs[0].Body);
        Assert.Equal("{\"z\": {\"n\": null, \"t\": true}, \"group\": {}, \"a\": [1500.0, 0, \"\\u00e9\\n\"], \"tail\": 0.1}", jobs[1].Body);
        Assert.Equal("{\"z\": {\"n\": null, \"t\": true}, \"group\": {\"k\": \"\\ud83d\\ude00\"}, \"a\": [1500.0, 0, \"\\u00e9\\n\"], \"tail\": 0.1}", jobs[2].Body);
    }

    [Fact]
    public void Only_groups_remain_when_every_other_key_is_a_comment()
    {
        // Arrange
        var text = """{"_comment": "c", "groups": [{"a": "1"}]}""";

        // Act
        var body = JobFile.Parse(text, "job.json").Jobs[0].Body;

        // Assert
        Assert.Equal("{\"group\": {\"a\": \"1\"}}", body);
    }

    [Fact]
    public void Read_loads_a_job_file_from_disk_with_a_byte_order_mark()
    {
        // Arrange
        var path = Path.Combine(Path.GetTempPath(), $"fleetbook-jobs-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, DsExample, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        try
        {
            // Act
            var contents = JobFile.Read(path);

            // Assert
            Assert.Equal(path, contents.Path);
            Assert.Equal(4, contents.Jobs.Count);
            Assert.StartsWith("{\"input_location\"", contents.Jobs[0].Body);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
