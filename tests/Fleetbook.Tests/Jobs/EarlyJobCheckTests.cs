using Fleetbook.Configuration;
using Fleetbook.Inputs;
using Fleetbook.Jobs;
using Fleetbook.Steps;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Jobs;

/// <summary>
/// Submit checks a JSON file's jobs in the same reading that checks the file, with the layout the keys before "groups"
/// give; when the file turns out otherwise, the jobs are checked again as the whole file lays them out.
/// </summary>
public class EarlyJobCheckTests
{
    [Theory]
    [InlineData("""{"a": 1.50, "n": -0, "big": 123456789012345678901234567890, "e": 1E5, "nested": {"x": [1, 2.0, {"y": "\u00e9\n"}], "x": 3}, "t": true, "none": null, "group": "here", "_comment": "c", "a": 2, "groups": [{"Plate": "P1", "v": 1e-7, "s": "tab\tquote\"", "u": "\ud83d\ude00", "o": {"k": 1.0, "k": [false]}, "l": [true, null], "f": -0.0}]}""", JobFileFormat.Auto)]
    [InlineData("""{"groups": [{"Metadata": {"Metadata_Plate": "P1", "Metadata_Well": "A01"}}, {"Metadata": "Metadata_Plate=P2,Metadata_Well=B01"}], "pipeline": "p.cppipe", "data_file": "d.csv", "input": "in/", "output": "out/", "output_structure": "Metadata_Plate/Metadata_Well"}""", JobFileFormat.Auto)]
    [InlineData("""{"pipeline": "p.cppipe", "data_file": "d.csv", "input": "in/", "output": "out/", "groups": [{"Metadata_Plate": "P1", "Metadata_Well": 7}]}""", JobFileFormat.DistributedCellProfiler)]
    [InlineData("""{"Metadata": {"shared": 1}, "groups": [{}, {"x": {}}, {"x": []}, {"only": "\u0001"}]}""", JobFileFormat.Auto)]
    public void A_message_made_from_its_group_is_the_message_read_from_its_body(string file, JobFileFormat format)
    {
        // Arrange
        var root = SourceJson.Parse(file, "jobs.json");
        var groups = root["groups"]!.Items;
        var scan = new JsonJobs.GroupScan("jobs.json");
        foreach (var group in groups)
        {
            scan.Add(group);
        }

        var layout = JsonJobs.Lay(root, root["groups"], groups.Count, scan, "jobs.json", format);

        foreach (var group in groups)
        {
            // Act
            var job = layout.Job(group);
            var made = layout.Message(group, job);
            var read = JobMessage.Parse(job.Body);

            // Assert
            Assert.Equal(read.JobId, made.JobId);
            Assert.Equal(read.AvailableNames(), made.AvailableNames());
            foreach (var name in read.AvailableNames().Concat(["missing", "group.missing", "metadata.missing"]))
            {
                Assert.Equal(read.Resolve(name), made.Resolve(name));
            }
        }
    }

    [Fact]
    public void A_number_written_as_Infinity_makes_the_message_fail_as_the_body_would()
    {
        // Arrange
        var root = SourceJson.Parse("""{"groups": [{"x": 1e999}]}""", "jobs.json");
        var group = root["groups"]!.Items[0];
        var scan = new JsonJobs.GroupScan("jobs.json");
        scan.Add(group);
        var layout = JsonJobs.Lay(root, root["groups"], 1, scan, "jobs.json", JobFileFormat.Auto);
        var job = layout.Job(group);

        // Act
        var made = Assert.Throws<InputException>(() => layout.Message(group, job));
        var read = Assert.Throws<InputException>(() => JobMessage.Parse(job.Body));

        // Assert
        Assert.Equal(read.Problems, made.Problems);
    }

    [Fact]
    public async Task Shared_keys_after_the_groups_list_are_in_every_job_and_fill_its_placeholders()
    {
        // Arrange: read early, the jobs would lack {plate}
        using var folder = new TempFolder("keys-after");
        await using var run = await SetUpAsync(folder, ["prog", "{plate}", "{group.Well}"]);
        var jobs = folder.Write("jobs.json", """{"groups": [{"Well": "A01"}, {"Well": "B01"}], "plate": "P1"}""");

        // Act
        var result = await run.SubmitAsync(jobs);

        // Assert
        Assert.Equal(2, result.Sent);
        var bodies = (await run.Backend.Queues.OpenAsync(run.Config.EffectiveQueueName, default))!.PeekAsync(10, default);
        Assert.Equal(["""{"plate": "P1", "group": {"Well": "A01"}}""", """{"plate": "P1", "group": {"Well": "B01"}}"""], (await bodies).Select(m => m.Body));
    }

    [Fact]
    public async Task A_shared_key_after_the_groups_list_that_makes_every_job_wrong_is_found()
    {
        // Arrange
        using var folder = new TempFolder("bad-key-after");
        await using var run = await SetUpAsync(folder, ["prog", "{group.Well}"], outputs: "results/{plate}/{job_id}");
        var jobs = folder.Write("jobs.json", """{"groups": [{"Well": "A01"}], "plate": ".."}""");

        // Act
        var error = await Assert.ThrowsAsync<InputException>(() => run.SubmitAsync(jobs));

        // Assert
        var problem = Assert.Single(error.Problems);
        Assert.Equal("groups[0]", problem.Where);
        Assert.Contains("{plate}", problem.Message);
        Assert.Equal(0, (await run.StatusAsync()).Visible);
    }

    [Fact]
    public async Task Only_the_last_groups_list_of_a_file_is_checked_and_sent()
    {
        // Arrange: the first list repeats a job, which does not count
        using var folder = new TempFolder("two-lists");
        await using var run = await SetUpAsync(folder, ["prog", "{job_id}"]);
        var jobs = folder.Write("jobs.json", """{"groups": [{"Well": "A01"}, {"Well": "A01"}], "groups": [{"Well": "B01"}]}""");

        // Act
        var result = await run.SubmitAsync(jobs);

        // Assert
        Assert.Equal((1, 1), (result.Jobs, result.Sent));
    }

    [Fact]
    public async Task A_repeated_job_id_in_the_last_groups_list_is_found_when_an_earlier_list_was_fine()
    {
        // Arrange
        using var folder = new TempFolder("two-lists-bad");
        await using var run = await SetUpAsync(folder, ["prog", "{job_id}"]);
        var jobs = folder.Write("jobs.json", """{"groups": [{"Well": "A01"}], "groups": [{"Well": "B01"}, {"Well": "B01"}]}""");

        // Act
        var error = await Assert.ThrowsAsync<InputException>(() => run.SubmitAsync(jobs));

        // Assert
        Assert.Equal("groups[1]", Assert.Single(error.Problems).Where);
    }

    private static Task<FleetRun> SetUpAsync(TempFolder folder, IReadOnlyList<string> command, string outputs = "results/{job_id}") =>
        SavedConfigRun.SetUpAsync(folder, new RunConfig { AppName = "Early", Command = command, Outputs = outputs });
}
