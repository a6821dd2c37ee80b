using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Aws.Services;

/// <summary>A theory that is skipped, with the reason, when ../shared/aws-models is absent.</summary>
public sealed class AwsModelTheoryAttribute : TheoryAttribute
{
    public AwsModelTheoryAttribute()
    {
        if (!AwsModels.Available)
        {
            Skip = AwsModels.MissingReason;
        }
    }
}
