using Fleetbook.Backends.Aws.Connection;
using Fleetbook.Backends.Aws.Services.CloudWatch;
using Fleetbook.Backends.Aws.Services.Ec2;
using Fleetbook.Backends.Aws.Services.Ecs;
using Fleetbook.Backends.Aws.Services.Logs;
using Fleetbook.Backends.Aws.Sqs;
using Fleetbook.Backends.Aws.Storage;
using Fleetbook.Configuration;

namespace Fleetbook.Backends.Aws.Run;

/// <summary>One signed connection and the typed clients of a run, in its region; the run's bucket through the S3 SDK.</summary>
public sealed class AwsClients : IDisposable
{
    private AwsClients(AwsConnection connection, S3ObjectStore bucket)
    {
        Connection = connection;
        Sqs = new SqsClient(connection);
        Ecs = new EcsClient(connection);
        Ec2 = new Ec2Client(connection);
        Logs = new LogsClient(connection);
        CloudWatch = new CloudWatchClient(connection);
        Bucket = bucket;
    }

    public AwsConnection Connection { get; }
    public SqsClient Sqs { get; }
    public EcsClient Ecs { get; }
    public Ec2Client Ec2 { get; }
    public LogsClient Logs { get; }
    public CloudWatchClient CloudWatch { get; }
    public S3ObjectStore Bucket { get; }

    public static AwsClients Open(RunConfig config, TimeProvider time, AwsBackendOptions options)
    {
        var connection = new AwsConnection(new AwsConnectionOptions
        {
            Region = config.Region,
            Profile = config.Profile is "" or "default" ? null : config.Profile,
            Credentials = options.Credentials,
            TimeProvider = time,
            Environment = options.Environment,
            MaxAttempts = int.TryParse(options.Environment("AWS_MAX_ATTEMPTS"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var attempts) && attempts >= 1
                ? attempts
                : AwsConnectionOptions.DefaultMaxAttempts,
        });
        var s3Endpoint = AwsWorkerServices.S3Endpoint(options.Environment);
        var bucket = S3ObjectStore.Create(config.Bucket, new S3ClientSettings(config.Region, s3Endpoint, options.Credentials), time: time);
        return new AwsClients(connection, bucket);
    }

    public void Dispose()
    {
        Connection.Dispose();
        Bucket.Dispose();
    }
}
