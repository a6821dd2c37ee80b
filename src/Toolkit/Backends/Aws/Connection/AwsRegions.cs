using Amazon;
using Amazon.Runtime.CredentialManagement;

namespace Fleetbook.Backends.Aws.Connection;

/// <summary>The region, as the SDKs find it: the option, AWS_REGION, AWS_DEFAULT_REGION, then the profile.</summary>
internal static class AwsRegions
{
    public static string? Resolve(AwsConnectionOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Region))
        {
            return options.Region.Trim();
        }

        foreach (var variable in new[] { "AWS_REGION", "AWS_DEFAULT_REGION" })
        {
            if (options.Environment(variable) is { } value && !string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }
        }

        try
        {
            if (options.Profile is { Length: > 0 } profile)
            {
                return new CredentialProfileStoreChain().TryGetProfile(profile, out var found) ? found.Region?.SystemName : null;
            }

            return Amazon.Runtime.FallbackRegionFactory.GetRegionEndpoint()?.SystemName;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or Amazon.Runtime.AmazonClientException)
        {
            return null; // an unreadable config file means no region, which the caller explains
        }
    }
}
