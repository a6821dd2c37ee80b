using System.Text.Json.Nodes;
using Amazon.Runtime;
using Fleetbook.Backends.Aws;
using Fleetbook.Backends.Aws.Connection;

namespace Fleetbook.Tests.Aws.Connection;

public sealed class AwsConnectionErrorTests
{
    private static readonly JsonObject Input = new() { ["QueueName"] = "jobs" };

    [Fact]
    public async Task A_refused_connection_names_the_endpoint()
    {
        // Arrange
        var refusing = LoopbackHttpServer.RefusingUrl();
        using var connection = new AwsConnection(ConnectionTestKit.Options(ConnectionTestKit.Direct(), TimeProvider.System) with
        {
            Endpoints = ConnectionTestKit.AllAt(refusing),
            BaseDelay = TimeSpan.FromMilliseconds(1),
        });

        // Act
        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            connection.InvokeAsync(AwsService.Sqs, "GetQueueUrl", Input.DeepClone().AsObject(), CancellationToken.None));

        // Assert
        Assert.Equal("EndpointConnectionError", error.Code);
        Assert.Null(error.StatusCode);
        Assert.Contains($"Cannot reach {refusing}", error.Message);
        Assert.Contains("3 attempt(s)", error.Message);
    }

    [Fact]
    public async Task An_EC2_error_document_becomes_a_service_exception_with_advice()
    {
        // Arrange
        const string document = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation.</Message></Error></Errors><RequestID>5c2f-req</RequestID></Response>
            """;
        var handler = new StubHandler((_, _) => StubHandler.Xml(403, document));
        using var connection = new AwsConnection(ConnectionTestKit.Options(handler));

        // Act
        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            connection.InvokeAsync(AwsService.Ec2, "DescribeInstances", [], CancellationToken.None));

        // Assert
        Assert.Equal(("UnauthorizedOperation", "You are not authorized to perform this operation.", "5c2f-req", 403),
            (error.Code, error.ServiceMessage, error.RequestId, error.StatusCode));
        Assert.Contains("lacks ec2:DescribeInstances permission", error.Advice);
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public async Task A_JSON_error_type_loses_its_namespace()
    {
        // Arrange
        var handler = new StubHandler((_, _) => StubHandler.Json(400, """{"__type":"com.amazonaws.ecs#ClusterNotFoundException","message":"Cluster not found."}""",
            ("x-amzn-RequestId", "req-7")));
        using var connection = new AwsConnection(ConnectionTestKit.Options(handler));

        // Act
        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            connection.InvokeAsync(AwsService.Ecs, "DescribeClusters", [], CancellationToken.None));

        // Assert
        Assert.Equal(("ClusterNotFoundException", "Cluster not found.", "req-7"), (error.Code, error.ServiceMessage, error.RequestId));
        Assert.Equal("ECS DescribeClusters failed with ClusterNotFoundException: Cluster not found. Run `fleetbook setup` first, and check the region.", error.Message);
    }

    [Fact]
    public async Task The_query_error_header_names_the_code_of_a_query_compatible_service()
    {
        // Arrange
        var handler = new StubHandler((_, _) => StubHandler.Json(400,
            """{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"The specified queue does not exist."}""",
            ("x-amzn-query-error", "AWS.SimpleQueueService.NonExistentQueue;Sender")));
        using var connection = new AwsConnection(ConnectionTestKit.Options(handler));

        // Act
        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            connection.InvokeAsync(AwsService.Sqs, "GetQueueUrl", Input.DeepClone().AsObject(), CancellationToken.None));

        // Assert
        Assert.Equal("AWS.SimpleQueueService.NonExistentQueue", error.Code);
        Assert.Contains("run `fleetbook setup`", error.Advice);
    }

    [Fact]
    public async Task Access_denied_names_the_missing_permission()
    {
        // Arrange
        var handler = new StubHandler((_, _) => StubHandler.Json(400, """{"__type":"com.amazon.coral.service#AccessDeniedException","Message":"User is not authorized"}"""));
        using var connection = new AwsConnection(ConnectionTestKit.Options(handler));

        // Act
        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            connection.InvokeAsync(AwsService.Sqs, "GetQueueUrl", Input.DeepClone().AsObject(), CancellationToken.None));

        // Assert
        Assert.Equal("The identity lacks sqs:GetQueueUrl permission: add it to the IAM policy of the user or role.", error.Advice);
        Assert.Equal("User is not authorized", error.ServiceMessage);
    }

    [Fact]
    public async Task A_failing_call_never_reveals_the_secret_the_token_or_the_signature()
    {
        // Arrange
        const string accessKey = "AKIAIOSFODNN7EXAMPLE";
        const string secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY";
        const string token = "FQoGZXIvYXdzEJr//////////wEaDEXAMPLEsessiontoken";
        var echo = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.\n\n"
            + $"The Canonical String for this request should have been\n'POST\n/\n\nhost:sqs.us-east-1.amazonaws.com\nx-amz-security-token:{token}\n'\n"
            + $"Authorization: AWS4-HMAC-SHA256 Credential={accessKey}/20260102/us-east-1/sqs/aws4_request, Signature=0123456789abcdef secret {secret}";
        var handler = new StubHandler((_, _) => StubHandler.Json(403, new JsonObject { ["__type"] = "SignatureDoesNotMatch", ["message"] = echo }.ToJsonString()));
        var observer = new RecordingObserver();
        using var connection = new AwsConnection(ConnectionTestKit.Options(handler) with
        {
            Credentials = new SessionAWSCredentials(accessKey, secret, token),
            Observer = observer,
        });

        // Act
        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            connection.InvokeAsync(AwsService.Sqs, "GetQueueUrl", Input.DeepClone().AsObject(), CancellationToken.None));

        // Assert
        var everything = error.ToString() + error.ServiceMessage + error.Advice + string.Join("|", observer.Attempts);
        Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(token, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("Signature=", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("Authorization", everything, StringComparison.Ordinal);
        Assert.Contains("AWS refused the credentials", error.Message);
    }

    [Fact]
    public async Task Missing_credentials_say_where_to_look()
    {
        // Arrange
        var handler = new StubHandler((_, _) => StubHandler.Json(200, "{}"));
        using var connection = new AwsConnection(ConnectionTestKit.Options(handler) with
        {
            Credentials = null,
            Profile = "fleetbook-tests-no-such-profile-" + Guid.NewGuid().ToString("N"),
        });

        // Act
        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            connection.InvokeAsync(AwsService.Sqs, "GetQueueUrl", Input.DeepClone().AsObject(), CancellationToken.None));

        // Assert
        Assert.Equal("NoCredentials", error.Code);
        Assert.Contains("aws sso login", error.Advice);
        Assert.Equal(0, handler.Calls);
    }

    [Fact]
    public async Task A_missing_region_is_reported_before_anything_is_sent()
    {
        // Arrange
        var handler = new StubHandler((_, _) => StubHandler.Json(200, "{}"));
        using var connection = new AwsConnection(ConnectionTestKit.Options(handler) with
        {
            Region = null,
            Profile = "fleetbook-tests-no-such-profile-" + Guid.NewGuid().ToString("N"),
        });

        // Act
        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            connection.InvokeAsync(AwsService.Sqs, "GetQueueUrl", Input.DeepClone().AsObject(), CancellationToken.None));

        // Assert
        Assert.Equal("NoRegion", error.Code);
        Assert.Contains("AWS_REGION", error.Advice);
        Assert.Equal(0, handler.Calls);
    }
}
