using Fleetbook.Backends.Aws.Preflight;

namespace Fleetbook.Tests.Aws.Preflight;

/// <summary>The rules preflight applies without asking AWS: image names, ARNs, Fargate sizes, room on a machine.</summary>
public sealed class PreflightRulesTests
{
    [Theory]
    [InlineData("cellprofiler/distributed-cellprofiler:2.2.0_4.2.8", "tag 2.2.0_4.2.8")]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/team/app:1.0", "tag 1.0")]
    [InlineData("localhost:5000/app", "no tag")]
    [InlineData("ubuntu", "no tag")]
    [InlineData("ghcr.io/org/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "pinned by digest")]
    public void Valid_image_references_pass_and_say_how_they_are_pinned(string image, string pinned)
    {
        var check = ImageReference.Check(image);

        Assert.True(check.Passed, check.Message);
        Assert.Contains(pinned, check.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "set \"image\" (DOCKERHUB_TAG)")]
    [InlineData("   ", "set \"image\" (DOCKERHUB_TAG)")]
    [InlineData("MyOrg/MyApp:1.0", "repository names are lowercase: write \"myorg/myapp:1.0\".")]
    [InlineData("app:1.0 ", "remove the spaces")]
    [InlineData("app@sha256:abc", "@sha256: followed by 64 hexadecimal digits")]
    [InlineData("app::1", "[registry/]name[:tag]")]
    public void Invalid_image_references_fail_with_a_fix(string image, string fix)
    {
        var check = ImageReference.Check(image);

        Assert.False(check.Passed);
        Assert.Contains(fix, check.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arn:aws:iam::123456789012:role/service-role/ecsTaskRole")]
    [InlineData("arn:aws-cn:iam::123456789012:role/ecsTaskRole")]
    [InlineData("arn:aws-us-gov:iam::123456789012:role/ecsTaskRole")]
    public void Role_ARNs_of_every_partition_and_with_paths_pass(string arn) =>
        Assert.True(Arns.CheckRole("Task role", "taskRoleArn", arn, "x", "the task's role").Passed);

    [Fact]
    public void A_user_ARN_is_not_a_role()
    {
        var check = Arns.CheckRole("Task role", "taskRoleArn", "arn:aws:iam::123456789012:user/alice", "x", "the role the containers run as");

        Assert.False(check.Passed);
        Assert.Contains("is a user ARN, but it must be a role ARN", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_example_files_twelve_X_instance_profile_is_a_placeholder()
    {
        var check = Arns.CheckInstanceProfile("Instance profile", "IamInstanceProfile.Arn", "arn:aws:iam::XXXXXXXXXXXX:instance-profile/ecsInstanceRole");

        Assert.False(check.Passed);
        Assert.Contains("put your account id in: arn:aws:iam::<account id>:instance-profile/ecsInstanceRole", check.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(256, 512, true)]
    [InlineData(256, 4096, false)]
    [InlineData(4096, 30720, true)]
    [InlineData(8192, 20480, true)]
    [InlineData(8192, 18432, false)]
    [InlineData(16384, 122880, true)]
    [InlineData(2048, 15000, false)]
    public void Fargate_accepts_only_its_published_sizes(int cpu, int memory, bool valid) =>
        Assert.Equal(valid, FargateSizes.IsValid(cpu, memory));

    [Theory]
    [InlineData(2048, 15000, 2048, 15360)]
    [InlineData(4096, 2048, 4096, 8192)]
    [InlineData(3000, 4096, 4096, 8192)]
    [InlineData(1024, 40000, 8192, 40960)]
    [InlineData(32768, 1024, 16384, 122880)]
    public void The_nearest_Fargate_size_is_the_smallest_that_holds_the_task(int cpu, int memory, int nearestCpu, int nearestMemory) =>
        Assert.Equal(new FargateSize(nearestCpu, nearestMemory), FargateSizes.Nearest(cpu, memory));

    [Theory]
    [InlineData(8192, 7700)]
    [InlineData(16384, 15400)]
    [InlineData(2048, 1792)]
    public void A_machine_keeps_six_percent_of_its_memory_and_at_least_256_MiB(long memory, long usable) =>
        Assert.Equal(usable, TaskFit.UsableMemoryMiB(memory));
}
