using Fleetbook.Cli.Commands;

namespace Fleetbook.Tests.Aws;

/// <summary>
/// Distributed-CellProfiler's files/exampleFleet_us-east-1.json as `fleetbook init` writes it, filled in the way every
/// user fills it in: the fake server's account, and (for <see cref="ForFakeAccount"/>) its subnet and security group.
/// </summary>
internal static class DsExampleFleet
{
    public const string Account = "123456789012";
    public const string ImageId = "ami-0ce03502c5bb5e188";

    /// <summary>The example with the account filled in; subnet and group stay DS's placeholders.</summary>
    public static string WithAccount(string imageId = ImageId) =>
        StarterFiles.FleetFile.Replace("XXXXXXXXXXXX", Account, StringComparison.Ordinal).Replace(ImageId, imageId, StringComparison.Ordinal);

    /// <summary>The example with the account, the subnet and the security group the fake server knows.</summary>
    public static string ForFakeAccount(string imageId = ImageId) =>
        WithAccount(imageId).Replace("subnet-WWWWWWWW", "subnet-0123abcd", StringComparison.Ordinal).Replace("sg-ZZZZZZZZZ", "sg-0123abcd", StringComparison.Ordinal);
}
