using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;

namespace Fleetbook.Backends.Aws.Connection;

/// <summary>No credentials could be found or refreshed. The message names where they were looked for, never a value.</summary>
internal sealed class CredentialsUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The connection's credentials, resolved on first use (the options' credentials, a named profile, or
/// AWSSDK.Core's default chain) and asked for fresh keys before every attempt, so that refreshing credentials
/// (assumed roles, SSO, container and instance roles) renew themselves before they expire.
/// </summary>
internal sealed class AwsCredentialSource(AwsConnectionOptions options) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private DefaultAWSCredentialsIdentityResolver? resolver;
    private AWSCredentials? resolved;

    public async Task<ImmutableCredentials> GetAsync(CancellationToken cancellationToken)
    {
        var credentials = options.Credentials ?? await ResolveAsync(cancellationToken).ConfigureAwait(false);
        ImmutableCredentials? keys;
        try
        {
            keys = await credentials.GetCredentialsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // STS, SSO and the container or instance endpoints fail in many ways (HTTP, I/O, SDK exceptions).
            throw new CredentialsUnavailableException($"The credentials of {Describe()} could not be obtained or refreshed.", e);
        }

        return keys is not null && !string.IsNullOrEmpty(keys.AccessKey) && !string.IsNullOrEmpty(keys.SecretKey)
            ? keys
            : throw new CredentialsUnavailableException($"The credentials of {Describe()} are empty.");
    }

    /// <summary>Drops cached keys after the service called them expired, so the next attempt fetches new ones.</summary>
    public bool TryExpire()
    {
        if ((options.Credentials ?? resolved) is RefreshingAWSCredentials refreshing)
        {
            refreshing.ClearCredentials();
            return true;
        }

        return false;
    }

    public void Dispose()
    {
        resolver?.Dispose();
        gate.Dispose();
    }

    private async Task<AWSCredentials> ResolveAsync(CancellationToken cancellationToken)
    {
        if (resolved is not null)
        {
            return resolved;
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (resolved is not null)
            {
                return resolved;
            }

            if (options.Profile is { Length: > 0 } profile)
            {
                resolved = new CredentialProfileStoreChain().TryGetAWSCredentials(profile, out var fromProfile)
                    ? fromProfile
                    : throw new CredentialsUnavailableException($"There is no usable profile '{profile}' in ~/.aws/credentials or ~/.aws/config.");
            }
            else
            {
                resolver ??= new DefaultAWSCredentialsIdentityResolver();
                try
                {
                    resolved = await resolver.ResolveIdentityAsync(null, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    throw new CredentialsUnavailableException(
                        "No AWS credentials were found (looked in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE or the default profile, web identity, the container and the instance role).", e);
                }
            }

            return resolved;
        }
        finally
        {
            gate.Release();
        }
    }

    private string Describe() =>
        options.Credentials is not null ? "the configured credentials" : options.Profile is { Length: > 0 } p ? $"profile '{p}'" : "the default credential chain";
}
