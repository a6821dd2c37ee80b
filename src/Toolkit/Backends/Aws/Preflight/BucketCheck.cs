using Fleetbook.Backends.Aws.Storage;
using Fleetbook.Steps;
using Fleetbook.Storage;

namespace Fleetbook.Backends.Aws.Preflight;

/// <summary>The bucket answers a listing with these credentials, in this region.</summary>
internal static class BucketCheck
{
    private const string Name = "Bucket";

    public static async Task<PreflightCheck> CheckAsync(IObjectStore bucket, string configured, string region, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return Outcome.Problem(Name, "no bucket is set.", "set \"bucket\" (AWS_BUCKET) to an S3 bucket of your account in " + region + ".");
        }

        try
        {
            await using var listing = bucket.ListAsync("", cancellationToken).GetAsyncEnumerator(cancellationToken);
            await listing.MoveNextAsync().ConfigureAwait(false);
        }
        catch (S3StoreException error)
        {
            return Outcome.Problem(Name, error.Message, Fix(error.Code, bucket.Name, region));
        }

        return Outcome.Ok(Name, $"s3://{bucket.Name} is reachable and may be listed.");
    }

    private static string Fix(string code, string bucket, string region) => code switch
    {
        "NoSuchBucket" => $"create it (aws s3 mb s3://{bucket} --region {region}) or set \"bucket\" (AWS_BUCKET) to an existing bucket.",
        "AccessDenied" or "AllAccessDisabled" => $"give these credentials s3:ListBucket on {bucket} (and s3:GetObject / s3:PutObject on its objects), or use a bucket they may use.",
        "PermanentRedirect" or "AuthorizationHeaderMalformed" => $"set \"region\" to the bucket's region (aws s3api get-bucket-location --bucket {bucket}).",
        "NoCredentials" or "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "ExpiredToken" or "InvalidToken" => "check the AWS credentials: AWS_PROFILE, aws sso login, or aws configure.",
        "Unreachable" or "Timeout" => "check the network, AWS_ENDPOINT_URL_S3 and the region.",
        _ => "check \"bucket\" (AWS_BUCKET), the region and the credentials.",
    };
}
