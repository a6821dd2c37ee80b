using Fleetbook.Tests.Aws.Emulators;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Aws.Run;

/// <summary>A fact that needs both the AWS models (for the fake server) and the emulators: skipped, with the reason, when either is missing.</summary>
public sealed class AwsRunFactAttribute : FactAttribute
{
    public AwsRunFactAttribute()
    {
        if (!AwsModels.Available)
        {
            Skip = AwsModels.MissingReason;
        }
        else if (EmulatorPackages.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}
