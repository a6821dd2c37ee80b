using System.Globalization;

namespace Fleetbook.Backends.Aws.Services.CloudWatch;

/// <summary>The alarms a Distributed-Something run puts, as requests.</summary>
public static class MetricAlarms
{
    /// <summary>
    /// The per-machine idle alarm each worker puts at start (Distributed-Something <c>run-worker.sh</c>): named
    /// <c>APP_NAME_&lt;instance-id&gt;</c>, it terminates the machine when its maximum CPU stays below 1% for 15
    /// one-minute periods ("almost always a crashed machine").
    /// </summary>
    public static PutMetricAlarmRequest IdleInstance(string appName, string instanceId, string region, string accountId, IReadOnlyList<AwsTag>? tags = null) =>
        new(
            AlarmName: $"{appName}_{instanceId}",
            Namespace: "AWS/EC2",
            MetricName: "CPUUtilization",
            Statistic: MetricStatistic.Maximum,
            Period: 60,
            EvaluationPeriods: 15,
            Threshold: 1,
            ComparisonOperator: ComparisonOperator.LessThanThreshold,
            Dimensions: [new Dimension("InstanceId", instanceId)],
            AlarmActions: [TerminateInstanceAction(region, accountId)],
            Tags: tags);

    /// <summary>
    /// One of the two Auto-Monitor alarms <c>startCluster</c> puts: <c>&lt;metric&gt;isZero_APP_NAME</c>, notifying
    /// <paramref name="topicArn"/> when the queue's 5-minute average of <paramref name="metric"/>
    /// (<c>ApproximateNumberOfMessagesVisible</c> or <c>ApproximateNumberOfMessagesNotVisible</c>) is ≤ 0.
    /// </summary>
    public static PutMetricAlarmRequest QueueIsEmpty(string appName, string queueName, string metric, string topicArn, IReadOnlyList<AwsTag>? tags = null) =>
        new(
            AlarmName: $"{metric}isZero_{appName}",
            Namespace: "AWS/SQS",
            MetricName: metric,
            Statistic: MetricStatistic.Average,
            Period: 300,
            EvaluationPeriods: 1,
            Threshold: 0,
            ComparisonOperator: ComparisonOperator.LessThanOrEqualToThreshold,
            Dimensions: [new Dimension("QueueName", queueName)],
            DatapointsToAlarm: 1,
            TreatMissingData: CloudWatch.TreatMissingData.Missing,
            ActionsEnabled: true,
            AlarmActions: [topicArn],
            OKActions: [],
            InsufficientDataActions: [],
            Tags: tags);

    /// <summary>The alarm action that terminates the machine the alarm watches.</summary>
    public static string TerminateInstanceAction(string region, string accountId) =>
        string.Create(CultureInfo.InvariantCulture, $"arn:aws:swf:{region}:{accountId}:action/actions/AWS_EC2.InstanceId.Terminate/1.0");
}
