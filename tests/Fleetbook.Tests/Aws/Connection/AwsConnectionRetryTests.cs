using System.Text.Json.Nodes;
using Fleetbook.Backends.Aws;
using Fleetbook.Backends.Aws.Connection;

namespace Fleetbook.Tests.Aws.Connection;

public sealed class AwsConnectionRetryTests
{
    private static readonly JsonObject Input = new() { ["QueueName"] = "jobs" };

    [Fact]
    public async Task Throttling_then_success_is_retried_after_a_jittered_back_off()
    {
        // Arrange
        var time = new ManualTimeProvider(ConnectionTestKit.Start);
        var observer = new RecordingObserver();
        var handler = new StubHandler((_, call) => call == 1
            ? StubHandler.Json(400, """{"__type":"com.amazonaws.sqs#ThrottlingException","message":"Rate exceeded"}""")
            : StubHandler.Json(200, """{"QueueUrl":"u"}"""));
        using var connection = new AwsConnection(ConnectionTestKit.Options(handler, time) with { Observer = observer });

        // Act
        var call = connection.InvokeAsync(AwsService.Sqs, "GetQueueUrl", Input.DeepClone().AsObject(), CancellationToken.None);
        var backOff = await time.WaitForTimerAsync(AwsConnectionOptions.DefaultMaxBackoff);
        time.Advance(backOff);
        var output = await call;

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(0.5), backOff); // jitter 0.5 × min(20 s, 1 s × 2^0)
        Assert.Equal("u", output["QueueUrl"]!.GetValue<string>());
        Assert.Equal(2, handler.Calls);
        Assert.Collection(
            observer.Attempts,
            first => Assert.Equal(("ThrottlingException", (TimeSpan?)TimeSpan.FromSeconds(0.5)), (first.ErrorCode, first.RetryDelay)),
            second => Assert.Equal((200, (string?)null), (second.StatusCode, second.ErrorCode)));
    }

    [Fact]
    public async Task Server_errors_are_retried_until_max_attempts_and_then_reported()
    {
        // Arrange
        var handler = new StubHandler((_, _) => StubHandler.Json(500, """{"__type":"InternalFailure","message":"boom"}"""));
        using var connection = new AwsConnection(ConnectionTestKit.Options(handler) with { Random = () => 0 });

        // Act
        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            connection.InvokeAsync(AwsService.Sqs, "GetQueueUrl", Input.DeepClone().AsObject(), CancellationToken.None));

        // Assert
        Assert.Equal(AwsConnectionOptions.DefaultMaxAttempts, handler.Calls);
        Assert.Equal((500, "InternalFailure"), (error.StatusCode, error.Code));
        Assert.Contains("still failing after 3 attempts", error.Message);
    }

    [Fact]
    public async Task Errors_that_are_not_transient_fail_at_once()
    {
        // Arrange
        var handler = new StubHandler((_, _) => StubHandler.Json(400, """{"__type":"InvalidParameterValue","message":"bad name"}"""));
        using var connection = new AwsConnection(ConnectionTestKit.Options(handler));

        // Act
        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            connection.InvokeAsync(AwsService.Sqs, "GetQueueUrl", Input.DeepClone().AsObject(), CancellationToken.None));

        // Assert
        Assert.Equal(1, handler.Calls);
        Assert.Equal("SQS GetQueueUrl failed with InvalidParameterValue: bad name.", error.Message);
    }

    [Fact]
    public async Task Cancelling_during_a_back_off_stops_the_call()
    {
        // Arrange
        var time = new ManualTimeProvider(ConnectionTestKit.Start);
        var handler = new StubHandler((_, _) => StubHandler.Json(503, "<html>busy</html>"));
        using var connection = new AwsConnection(ConnectionTestKit.Options(handler, time));
        using var cancellation = new CancellationTokenSource();

        // Act
        var call = connection.InvokeAsync(AwsService.Sqs, "GetQueueUrl", Input.DeepClone().AsObject(), cancellation.Token);
        await time.WaitForTimerAsync(AwsConnectionOptions.DefaultMaxBackoff);
        await cancellation.CancelAsync();

        // Assert
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public async Task An_attempt_that_times_out_is_retried()
    {
        // Arrange
        var time = new ManualTimeProvider(ConnectionTestKit.Start);
        var firstStarted = new TaskCompletionSource();
        var handler = new HangingThenAnswering(firstStarted);
        using var connection = new AwsConnection(ConnectionTestKit.Options(handler, time) with { Random = () => 0 });

        // Act
        var call = connection.InvokeAsync(AwsService.Sqs, "GetQueueUrl", Input.DeepClone().AsObject(), CancellationToken.None);
        await firstStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        time.Advance(AwsConnectionOptions.DefaultAttemptTimeout);
        var output = await call.WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        Assert.Equal(2, handler.Calls);
        Assert.Equal("u", output["QueueUrl"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_skewed_clock_is_corrected_and_the_call_retried()
    {
        // Arrange
        var serverTime = ConnectionTestKit.Start.AddHours(1);
        var handler = new StubHandler((_, call) => call == 1
            ? StubHandler.Json(400, """{"__type":"InvalidSignatureException","message":"Signature expired"}""", ("Date", serverTime.ToString("r")))
            : StubHandler.Json(200, "{}"));
        using var connection = new AwsConnection(ConnectionTestKit.Options(handler));

        // Act
        await connection.InvokeAsync(AwsService.Sqs, "GetQueueUrl", Input.DeepClone().AsObject(), CancellationToken.None);

        // Assert
        Assert.Equal(["20260102T030405Z", "20260102T040405Z"], handler.Requests.Select(r => r.Header("X-Amz-Date")));
    }

    [Theory]
    [InlineData(1, 0.5, 500)]
    [InlineData(2, 0.5, 1000)]
    [InlineData(3, 1.0, 4000)]
    [InlineData(6, 1.0, 20000)]
    [InlineData(9, 0.25, 5000)]
    public void Back_off_is_full_jitter_over_a_capped_exponential(int retry, double random, double expectedMilliseconds)
    {
        // Act
        var delay = AwsRetryRules.Backoff(retry, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20), random);

        // Assert
        Assert.Equal(expectedMilliseconds, delay.TotalMilliseconds, precision: 6);
    }

    [Theory]
    [InlineData(400, "ThrottlingException", "Throttling")]
    [InlineData(400, "RequestLimitExceeded", "Throttling")]
    [InlineData(400, "AWS.SimpleQueueService.RequestThrottled", "Throttling")]
    [InlineData(429, "Whatever", "Throttling")]
    [InlineData(400, "RequestTimeoutException", "Transient")]
    [InlineData(502, "502", "Transient")]
    [InlineData(504, "GatewayTimeout", "Transient")]
    [InlineData(400, "ValidationException", "None")]
    [InlineData(403, "AccessDeniedException", "None")]
    public void Errors_are_classified_as_in_the_standard_retry_mode(int status, string code, string expected)
    {
        // Act
        var kind = AwsRetryRules.Classify(status, code);

        // Assert
        Assert.Equal(expected, kind.ToString());
    }

    [Fact]
    public void The_retry_quota_runs_out_and_refills_on_success()
    {
        // Arrange
        var quota = new RetryQuota();

        // Act
        var granted = Enumerable.Range(0, 200).Count(_ => quota.TryAcquire(timeout: false, out _));
        quota.OnSuccess(RetryQuota.RetryCost);
        var afterRefund = quota.TryAcquire(timeout: false, out _);

        // Assert
        Assert.Equal(RetryQuota.InitialTokens / RetryQuota.RetryCost, granted);
        Assert.True(afterRefund);
    }

    /// <summary>Hangs the first request until it is cancelled (the attempt timeout), answers the second.</summary>
    private sealed class HangingThenAnswering(TaskCompletionSource firstStarted) : HttpMessageHandler
    {
        private int calls;

        public int Calls => Volatile.Read(ref calls);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                firstStarted.SetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return StubHandler.Json(200, """{"QueueUrl":"u"}""");
        }
    }
}
