using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;

namespace Fleetbook.Backends.Aws.Storage;

/// <summary>
/// An S3 call that failed, in one sentence: the operation, the object, S3's error code and what to check. It is an
/// <see cref="IOException"/> so that callers treat it like any other failed read or write of the bucket. Never
/// carries credentials.
/// </summary>
public sealed class S3StoreException : IOException
{
    public S3StoreException(string operation, string bucket, string? key, string code, int? statusCode, string message, Exception? inner = null)
        : base(message, inner)
    {
        Operation = operation;
        Bucket = bucket;
        Key = key;
        Code = code;
        StatusCode = statusCode;
    }

    public string Operation { get; }
    public string Bucket { get; }
    public string? Key { get; }

    /// <summary>S3's error code ("NoSuchBucket", "AccessDenied", "SlowDown"), or "NoCredentials" / "Unreachable" / "Timeout" when S3 never answered.</summary>
    public string Code { get; }

    public int? StatusCode { get; }

    /// <summary>Worth another try: throttling, a server fault, or a broken connection.</summary>
    public bool IsTransient => Code is "SlowDown" or "Unreachable" or "Timeout" or "RequestTimeout" or "InternalError" or "ServiceUnavailable" || StatusCode >= 500;

    /// <summary>Describes <paramref name="error"/>, thrown by the SDK during <paramref name="operation"/>.</summary>
    public static S3StoreException From(string operation, string bucket, string? key, Exception error)
    {
        var target = key is null ? $"s3://{bucket}" : $"s3://{bucket}/{key}";
        switch (error)
        {
            case S3StoreException already:
                return already;
            case AmazonS3Exception service when !string.IsNullOrEmpty(service.ErrorCode) || service.StatusCode != 0:
                {
                    var code = string.IsNullOrEmpty(service.ErrorCode) ? ((int)service.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : service.ErrorCode;
                    var text = $"S3 {operation} of {target} failed with {code}";
                    if (!string.IsNullOrWhiteSpace(service.Message) && service.Message != code)
                    {
                        text += $": {service.Message.TrimEnd('.')}";
                    }

                    return new S3StoreException(operation, bucket, key, code, (int)service.StatusCode, text + "." + Advice(code, service.StatusCode), error);
                }

            case AmazonClientException client when client.Message.Contains("credentials", StringComparison.OrdinalIgnoreCase):
                return new S3StoreException(operation, bucket, key, "NoCredentials", null,
                    $"S3 {operation} of {target} found no AWS credentials. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, or give the machine a role.", error);
            case TimeoutException or TaskCanceledException:
                return new S3StoreException(operation, bucket, key, "Timeout", null, $"S3 {operation} of {target} timed out. Check the network and the endpoint.", error);
        }

        if (FindNetworkError(error) is { } network)
        {
            return new S3StoreException(operation, bucket, key, "Unreachable", null,
                $"S3 {operation} of {target} could not reach S3: {network.Message.TrimEnd('.')}. Check AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_S3, AWS_REGION and the network.", error);
        }

        return new S3StoreException(operation, bucket, key, error.GetType().Name, null, $"S3 {operation} of {target} failed: {error.Message.TrimEnd('.')}.", error);
    }

    private static Exception? FindNetworkError(Exception error)
    {
        for (var current = error; current is not null; current = current.InnerException)
        {
            if (current is HttpRequestException or SocketException or IOException)
            {
                return current;
            }
        }

        return null;
    }

    private static string Advice(string code, HttpStatusCode status) => code switch
    {
        "NoSuchBucket" => " Check AWS_BUCKET (the bucket must exist) and AWS_REGION.",
        "AccessDenied" or "AllAccessDisabled" => " Check that the credentials (or the task's role) may use this bucket.",
        "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "ExpiredToken" or "InvalidToken" => " Check the AWS credentials.",
        "PermanentRedirect" or "AuthorizationHeaderMalformed" => " The bucket is in another region: set AWS_REGION to the bucket's region.",
        "SlowDown" => " S3 asks for fewer requests per second on this prefix; it was retried with back-off.",
        _ when (int)status >= 500 => " S3 had a server fault; it was retried with back-off.",
        _ => "",
    };
}
