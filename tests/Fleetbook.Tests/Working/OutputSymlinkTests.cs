using Fleetbook.Journal;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Working;

public class OutputSymlinkTests
{
    [Fact]
    public async Task Links_in_an_output_folder_are_never_followed_around_a_loop_or_out_of_it()
    {
        // Arrange: a job leaves a file, a link to it, a link loop, a link to its own folder and a link to a file outside.
        const string script = """
            cd "$1"
            echo result > out.txt
            ln -s out.txt alias.txt
            ln -s . self
            ln -s loop-b loop-a; ln -s loop-a loop-b
            mkdir sub; ln -s .. sub/up
            ln -s /etc/hostname outside.txt
            """;
        var config = LocalRunHarness.ShellJobConfig("Links", script, "{output_dir}") with { Machines = 1, DockerCores = 1 };
        await using var harness = new LocalRunHarness(config);

        // Act
        var result = await harness.RunToEndAsync(harness.WriteNumberedJobs(1));

        // Assert: the file and a copy under its link's name; nothing through the loops or from outside; each skip said.
        Assert.Equal(AttemptOutcome.Succeeded, Assert.Single(await harness.Run.AttemptsAsync()).Outcome);
        Assert.Equal(["results/0001/alias.txt", "results/0001/out.txt"], harness.BucketFiles());
        Assert.Equal("result\n", File.ReadAllText(Path.Combine(harness.Backend.BucketDirectory, "results", "0001", "alias.txt")));
        var log = File.ReadAllText(harness.Backend.Logs is Fleetbook.Backends.Local.FileLogStore files ? files.JobLogPath("0001") : "");
        foreach (var skipped in new[] { "self", "loop-a", "loop-b", "sub/up", "outside.txt" })
        {
            Assert.Contains($"WARNING: {skipped} is a symbolic link", log);
        }

        Assert.Equal(1, result.Final.Succeeded);
    }
}
