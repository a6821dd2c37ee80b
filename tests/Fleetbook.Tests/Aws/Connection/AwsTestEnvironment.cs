using System.Runtime.CompilerServices;

namespace Fleetbook.Tests.Aws.Connection;

internal static class AwsTestEnvironment
{
    // The SDK's credential chain must never try the instance-metadata address from a test machine.
#pragma warning disable CA2255 // a module initializer is the one place that runs before any test touches the SDK
    [ModuleInitializer]
    internal static void DisableInstanceMetadata() => Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
#pragma warning restore CA2255
}
