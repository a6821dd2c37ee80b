namespace Fleetbook.Backends.Aws;

/// <summary>The wire protocol of a service, as its model's metadata names it.</summary>
public enum AwsProtocol
{
    /// <summary>AWS JSON 1.0 or 1.1: POST /, X-Amz-Target, JSON body.</summary>
    Json,

    /// <summary>The EC2 query protocol: form-encoded request, XML response.</summary>
    Ec2Query,
}

/// <summary>A service Fleetbook talks to through its own signed connection (S3 goes through AWSSDK.S3).</summary>
/// <param name="Id">The short id used in AWS_ENDPOINT_URL_&lt;ID&gt; and in messages ("SQS", "ECS", "EC2", "CLOUDWATCH_LOGS", "CLOUDWATCH").</param>
/// <param name="DisplayName">How messages name it ("SQS", "CloudWatch Logs").</param>
/// <param name="EndpointPrefix">The host prefix: sqs, ecs, ec2, logs, monitoring.</param>
/// <param name="SigningName">The SigV4 service name.</param>
/// <param name="Protocol">The wire protocol.</param>
/// <param name="JsonVersion">"1.0" or "1.1" for JSON services.</param>
/// <param name="TargetPrefix">The X-Amz-Target prefix for JSON services.</param>
/// <param name="ApiVersion">The Version parameter of query services.</param>
/// <param name="ModelName">The embedded model's name (the botocore file name without .json).</param>
public sealed record AwsService(
    string Id,
    string DisplayName,
    string EndpointPrefix,
    string SigningName,
    AwsProtocol Protocol,
    string? JsonVersion,
    string? TargetPrefix,
    string ApiVersion,
    string ModelName)
{
    public static readonly AwsService Sqs = new("SQS", "SQS", "sqs", "sqs", AwsProtocol.Json, "1.0", "AmazonSQS", "2012-11-05", "sqs");
    public static readonly AwsService Ecs = new("ECS", "ECS", "ecs", "ecs", AwsProtocol.Json, "1.1", "AmazonEC2ContainerServiceV20141113", "2014-11-13", "ecs");
    public static readonly AwsService Ec2 = new("EC2", "EC2", "ec2", "ec2", AwsProtocol.Ec2Query, null, null, "2016-11-15", "ec2");
    public static readonly AwsService Logs = new("CLOUDWATCH_LOGS", "CloudWatch Logs", "logs", "logs", AwsProtocol.Json, "1.1", "Logs_20140328", "2014-03-28", "logs");
    public static readonly AwsService CloudWatch = new("CLOUDWATCH", "CloudWatch", "monitoring", "monitoring", AwsProtocol.Json, "1.0", "GraniteServiceVersion20100801", "2010-08-01", "cloudwatch");

    public static IReadOnlyList<AwsService> All { get; } = [Sqs, Ecs, Ec2, Logs, CloudWatch];
}
