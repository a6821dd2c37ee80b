using Fleetbook.Backends.Slurm;
using Fleetbook.Backends.Slurm.Worker;

namespace Fleetbook.Tests.Slurm;

/// <summary>What Fleetbook reads from Slurm's programs: durations, scontrol records, squeue lines, slurmstepd's last words.</summary>
public sealed class SlurmParsingTests
{
    [Theory]
    [InlineData("90", 90 * 60)]
    [InlineData("5:30", 5 * 60 + 30)]
    [InlineData("2:00:00", 2 * 3600)]
    [InlineData("1-12", 36 * 3600)]
    [InlineData("1-00:30", 24 * 3600 + 30 * 60)]
    [InlineData("3-01:02:03", 3 * 86400 + 3723)]
    public void Slurm_durations_read_as_sbatch_reads_them(string text, int seconds)
    {
        // Act
        var read = SlurmTime.TryParse(text, out var limit);

        // Assert
        Assert.True(read);
        Assert.Equal(TimeSpan.FromSeconds(seconds), limit);
    }

    [Theory]
    [InlineData("UNLIMITED")]
    [InlineData("INFINITE")]
    public void Unlimited_is_no_limit(string text)
    {
        Assert.True(SlurmTime.TryParse(text, out var limit));
        Assert.Null(limit);
    }

    [Theory]
    [InlineData("")]
    [InlineData("two hours")]
    [InlineData("1:2:3:4")]
    [InlineData("-5")]
    [InlineData("1-2-3")]
    public void Text_that_is_no_duration_is_refused(string text) => Assert.False(SlurmTime.TryParse(text, out _));

    [Fact]
    public void A_duration_is_written_back_in_the_form_sbatch_takes() =>
        Assert.Equal(["00:01:30", "1-02:00:00"], new[] { TimeSpan.FromSeconds(90), TimeSpan.FromHours(26) }.Select(SlurmTime.Format));

    [Fact]
    public void A_scontrol_record_keeps_values_with_spaces_and_equals_signs_whole()
    {
        // Arrange
        var line = "NodeName=n01 OS=Linux 6.1 #1 SMP RealMemory=24105 State=IDLE+DRAIN CfgTRES=cpu=2,mem=24105M Reason=disk replaced [root@2026-12-05T01:00:00]";

        // Act
        var node = SlurmNode.From(ScontrolRecord.Parse(line));

        // Assert
        Assert.Equal("n01", node.Name);
        Assert.Equal(24105, node.RealMemoryMb);
        Assert.Equal("disk replaced [root@2026-12-05T01:00:00]", node.Reason);
        Assert.False(node.IsUsable);
    }

    [Theory]
    [InlineData("IDLE", true)]
    [InlineData("MIXED", true)]
    [InlineData("ALLOCATED", true)]
    [InlineData("IDLE+DRAIN", false)]
    [InlineData("MIXED+DRAIN", false)]
    [InlineData("DOWN*", false)]
    [InlineData("DOWN+NOT_RESPONDING", false)]
    [InlineData("IDLE+POWERED_DOWN", true)]
    public void A_node_takes_jobs_unless_it_is_down_drained_or_failed(string state, bool usable) =>
        Assert.Equal(usable, new SlurmNode("n", "n", 1, 1, state, "", []).IsUsable);

    [Fact]
    public void Squeue_lines_give_each_array_task_its_worker_id_and_state()
    {
        // Act
        var jobs = SlurmJob.ParseAll("12_0|RUNNING|None|n01|fleetbook-Run|fleetbook:Run:abc\n12_1|PENDING|QOSMaxJobsPerUserLimit|(null)|fleetbook-Run|fleetbook:Run:abc\n9|CANCELLED|None|n02|other|(null)\n");

        // Assert
        Assert.Equal(["slurm-12_0", "slurm-12_1", "slurm-9"], jobs.Select(j => j.WorkerId));
        Assert.Equal(["12", "12", "9"], jobs.Select(j => j.ArrayJobId));
        Assert.True(jobs[0].IsRunning);
        Assert.True(jobs[1].IsPending);
        Assert.False(jobs[2].IsActive);
        Assert.Equal("", jobs[2].Comment);
    }

    [Theory]
    [InlineData("slurmstepd: error: *** JOB 13 ON n01 CANCELLED AT 2026-12-05T01:30:24 DUE TO TIME LIMIT ***", "at its time limit")]
    [InlineData("slurmstepd: error: *** JOB 13 ON n01 CANCELLED AT 2026-12-05T01:30:24 DUE TO PREEMPTION ***", "preempted")]
    [InlineData("slurmstepd: error: *** JOB 13 ON n01 CANCELLED AT 2026-12-05T01:30:24 DUE TO NODE FAILURE, SEE SLURMCTLD LOG FOR DETAILS ***", "node of the worker's job 12_1 failed")]
    [InlineData("slurmstepd-n01: error: *** JOB 13 ON n01 CANCELLED AT 2026-12-05T01:29:10 ***", "was cancelled (scancel")]
    public void Slurmstepds_last_line_in_the_workers_output_says_why_it_was_stopped(string output, string expected)
    {
        // Act
        var why = SlurmStopReason.Explain("12_1", SlurmStopReason.StepdReason("2026 worker polling\n" + output + "\n"));

        // Assert
        Assert.Contains(expected, why);
    }

    [Fact]
    public void Without_slurmstepds_line_the_jobs_state_and_reason_say_why() =>
        Assert.Contains("at its time limit", SlurmStopReason.Explain("7", null, "COMPLETING", "TimeLimit"));

    [Fact]
    public void Mountinfo_lines_give_the_type_and_mount_point_spaces_included()
    {
        // Act
        var nfs = FileSystems.Parse("36 35 0:52 / /home rw,relatime shared:30 - nfs4 server:/export/home rw,vers=4.2");
        var spaced = FileSystems.Parse("40 35 8:1 / /mnt/my\\040disk rw - ext4 /dev/sdb1 rw");

        // Assert
        Assert.Equal(("nfs4", "/home"), nfs);
        Assert.Equal(("ext4", "/mnt/my disk"), spaced);
        Assert.Equal(FileSystemReach.Shared, FileSystems.ReachOf("lustre"));
        Assert.Equal(FileSystemReach.SharedWithoutAtomicRename, FileSystems.ReachOf("fuse.s3fs"));
        Assert.Equal(FileSystemReach.Local, FileSystems.ReachOf("xfs"));
    }

    [Fact]
    public void The_file_system_of_a_path_is_the_deepest_mount_that_holds_it()
    {
        // Arrange
        using var folder = new Support.TempFolder("mounts");
        var mountinfo = folder.Write("mountinfo", $"1 0 8:1 / / rw - ext4 /dev/sda1 rw\n2 1 0:50 / {folder.Path} rw - nfs4 srv:/x rw\n");

        // Act
        var found = FileSystems.Of(Path.Combine(folder.Path, "not", "there", "yet"), mountinfo);

        // Assert
        Assert.Equal(new MountedFileSystem("nfs4", folder.Path, FileSystemReach.Shared), found);
    }
}
