using System.Text.Json.Nodes;
using Amazon.Runtime;
using Fleetbook.Backends.Aws;
using Fleetbook.Backends.Aws.Connection;

namespace Fleetbook.Tests.Aws.Connection;

public sealed class AwsCredentialTests
{
    private static readonly JsonObject Input = new() { ["QueueName"] = "jobs" };

    [Fact]
    public async Task Credentials_that_are_about_to_expire_are_renewed_before_the_next_call()
    {
        // Arrange
        var credentials = new NumberedCredentials(validFor: TimeSpan.FromSeconds(1));
        var handler = new StubHandler((_, _) => StubHandler.Json(200, "{}"));
        using var connection = new AwsConnection(ConnectionTestKit.Options(handler) with { Credentials = credentials });

        // Act
        await connection.InvokeAsync(AwsService.Sqs, "GetQueueUrl", Input.DeepClone().AsObject(), CancellationToken.None);
        await connection.InvokeAsync(AwsService.Sqs, "GetQueueUrl", Input.DeepClone().AsObject(), CancellationToken.None);

        // Assert
        Assert.Equal(["Credential=ASIA1/", "Credential=ASIA2/"], handler.Requests.Select(r => CredentialOf(r.Header("Authorization")!)));
    }

    [Fact]
    public async Task Keys_the_service_calls_expired_are_dropped_and_the_call_retried_with_fresh_ones()
    {
        // Arrange
        var credentials = new NumberedCredentials(validFor: TimeSpan.FromHours(1));
        var handler = new StubHandler((_, call) => call == 1
            ? StubHandler.Json(400, """{"__type":"ExpiredTokenException","message":"The security token included in the request is expired"}""")
            : StubHandler.Json(200, "{}"));
        using var connection = new AwsConnection(ConnectionTestKit.Options(handler) with { Credentials = credentials });

        // Act
        await connection.InvokeAsync(AwsService.Sqs, "GetQueueUrl", Input.DeepClone().AsObject(), CancellationToken.None);

        // Assert
        Assert.Equal(["Credential=ASIA1/", "Credential=ASIA2/"], handler.Requests.Select(r => CredentialOf(r.Header("Authorization")!)));
        Assert.Equal(["token-1", "token-2"], handler.Requests.Select(r => r.Header("X-Amz-Security-Token")));
    }

    [Fact]
    public async Task A_credential_source_that_fails_gives_advice_without_an_attempt()
    {
        // Arrange
        var handler = new StubHandler((_, _) => StubHandler.Json(200, "{}"));
        using var connection = new AwsConnection(ConnectionTestKit.Options(handler) with { Credentials = new FailingCredentials() });

        // Act
        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            connection.InvokeAsync(AwsService.Sqs, "GetQueueUrl", Input.DeepClone().AsObject(), CancellationToken.None));

        // Assert
        Assert.Equal("NoCredentials", error.Code);
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Equal(0, handler.Calls);
    }

    private static string CredentialOf(string authorization) =>
        authorization[authorization.IndexOf("Credential=", StringComparison.Ordinal)..(authorization.IndexOf('/', StringComparison.Ordinal) + 1)];

    /// <summary>Session keys ASIA1, ASIA2… each valid for a while, as STS or SSO would hand them out.</summary>
    private sealed class NumberedCredentials : RefreshingAWSCredentials
    {
        private readonly TimeSpan validFor;
        private int generated;

        public NumberedCredentials(TimeSpan validFor)
        {
            this.validFor = validFor;
            PreemptExpiryTime = TimeSpan.FromMinutes(5);
        }

        protected override CredentialsRefreshState GenerateNewCredentials()
        {
            var n = Interlocked.Increment(ref generated);
            return new CredentialsRefreshState(new ImmutableCredentials($"ASIA{n}", "secret-" + n, "token-" + n), DateTime.UtcNow + validFor);
        }
    }

    private sealed class FailingCredentials : AWSCredentials
    {
        public override ImmutableCredentials GetCredentials() => throw new HttpRequestException("Name or service not known (sso.us-east-1.amazonaws.com:443)");

        public override Task<ImmutableCredentials> GetCredentialsAsync() => Task.FromException<ImmutableCredentials>(new HttpRequestException("Name or service not known (sso.us-east-1.amazonaws.com:443)"));
    }
}
