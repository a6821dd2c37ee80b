using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using Fleetbook.Backends.Aws;
using Fleetbook.Backends.Aws.Connection;
using Fleetbook.Tests.Aws.Conformance;

namespace Fleetbook.Tests.Aws.Connection;

public sealed class AwsConnectionRequestTests
{
    [Fact]
    public async Task A_JSON_call_reaches_the_server_with_its_target_content_type_and_body()
    {
        // Arrange
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(200, """{"QueueUrl":"http://queue/jobs","Unknown":1}"""));
        using var connection = new AwsConnection(ConnectionTestKit.Options(ConnectionTestKit.Direct(), TimeProvider.System) with
        {
            Endpoints = ConnectionTestKit.AllAt(server.Url),
        });

        // Act
        var output = await connection.InvokeAsync(AwsService.Sqs, "GetQueueUrl", new JsonObject { ["QueueName"] = "jobs" }, CancellationToken.None);

        // Assert
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/", request.Target);
        Assert.Equal("AmazonSQS.GetQueueUrl", request.Header("X-Amz-Target"));
        Assert.Equal("application/x-amz-json-1.0", request.Header("Content-Type"));
        Assert.Equal("true", request.Header("x-amzn-query-mode")); // SQS is query-compatible
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"QueueName":"jobs"}"""), JsonNode.Parse(request.BodyText)));
        Assert.Equal("""{"QueueUrl":"http://queue/jobs"}""", output.ToJsonString());
    }

    [Fact]
    public async Task A_JSON_1_1_call_uses_its_own_content_type_and_target_prefix()
    {
        // Arrange
        var handler = new StubHandler((_, _) => StubHandler.Json(200, """{"clusters":[{"clusterName":"fleet","registeredContainerInstancesCount":2}]}"""));
        using var connection = new AwsConnection(ConnectionTestKit.Options(handler));

        // Act
        var output = await connection.InvokeAsync(AwsService.Ecs, "DescribeClusters", new JsonObject { ["clusters"] = new JsonArray("fleet") }, CancellationToken.None);

        // Assert
        var request = Assert.Single(handler.Requests);
        Assert.Equal("https://ecs.us-east-1.amazonaws.com/", request.Target);
        Assert.Equal("AmazonEC2ContainerServiceV20141113.DescribeClusters", request.Header("X-Amz-Target"));
        Assert.Equal("application/x-amz-json-1.1", request.Header("Content-Type"));
        Assert.Equal(2, output["clusters"]![0]!["registeredContainerInstancesCount"]!.GetValue<int>()); // any numeric type reads a number
    }

    [Fact]
    public async Task An_EC2_call_sends_a_query_form_and_reads_the_XML_answer()
    {
        // Arrange
        const string answer = """
            <DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
              <requestId>r-1</requestId>
              <reservationSet><item><reservationId>r-0abc</reservationId></item><item><reservationId>r-0def</reservationId></item></reservationSet>
            </DescribeInstancesResponse>
            """;
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(200, answer, new Dictionary<string, string> { ["Content-Type"] = "text/xml" }));
        using var connection = new AwsConnection(ConnectionTestKit.Options(ConnectionTestKit.Direct(), TimeProvider.System) with
        {
            Endpoints = ConnectionTestKit.AllAt(server.Url),
        });

        // Act
        var output = await connection.InvokeAsync(
            AwsService.Ec2, "DescribeInstances", new JsonObject { ["InstanceIds"] = new JsonArray("i-1", "i-2"), ["DryRun"] = false }, CancellationToken.None);

        // Assert
        var request = Assert.Single(server.Requests);
        Assert.Equal("application/x-www-form-urlencoded", request.Header("Content-Type"));
        Assert.Equal("Action=DescribeInstances&Version=2016-11-15&InstanceId.1=i-1&InstanceId.2=i-2&DryRun=false", request.BodyText);
        Assert.Equal("""{"Reservations":[{"ReservationId":"r-0abc"},{"ReservationId":"r-0def"}]}""", output.ToJsonString());
    }

    [Fact]
    public async Task Every_request_is_signed_for_the_region_and_the_service()
    {
        // Arrange
        var handler = new StubHandler((_, _) => StubHandler.Json(200, "{}"));
        using var connection = new AwsConnection(ConnectionTestKit.Options(handler));

        // Act
        await connection.InvokeAsync(AwsService.Sqs, "GetQueueUrl", new JsonObject { ["QueueName"] = "jobs" }, CancellationToken.None);

        // Assert
        var request = Assert.Single(handler.Requests);
        Assert.StartsWith(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260102/us-east-1/sqs/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target;x-amzn-query-mode, Signature=",
            request.Header("Authorization"));
        Assert.Equal("20260102T030405Z", request.Header("X-Amz-Date"));
        Assert.Null(request.Header("X-Amz-Security-Token"));
    }

    [Fact]
    public async Task The_signature_holds_for_the_request_as_it_arrived_at_the_server()
    {
        // Arrange
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(200, "{}"));
        using var connection = new AwsConnection(ConnectionTestKit.Options(ConnectionTestKit.Direct(), TimeProvider.System) with
        {
            Endpoints = ConnectionTestKit.AllAt(server.Url),
            Credentials = new SessionAWSCredentials(ConnectionTestKit.AccessKey, ConnectionTestKit.SecretKey, "session-token-value"),
        });

        // Act
        await connection.InvokeAsync(AwsService.Ecs, "DescribeClusters", new JsonObject { ["clusters"] = new JsonArray("fleet") }, CancellationToken.None);

        // Assert: recompute the signature with the from-spec reference signer over what the server received.
        var request = Assert.Single(server.Requests);
        var authorization = request.Header("Authorization")!;
        var signedNames = Regex.Match(authorization, "SignedHeaders=([^,]+)").Groups[1].Value.Split(';');
        var amzDate = request.Header("X-Amz-Date")!;
        var canonical = ReferenceSigner.CanonicalRequest("POST", request.Target, "", signedNames.Select(n => (n, request.Header(n)!)), request.Body, out _);
        var scope = ReferenceSigner.Scope(amzDate, "us-east-1", "ecs");
        var signature = ReferenceSigner.Signature(ConnectionTestKit.SecretKey, amzDate, "us-east-1", "ecs", ReferenceSigner.StringToSign(amzDate, scope, canonical));
        Assert.Contains("host", signedNames);
        Assert.Contains("x-amz-security-token", signedNames);
        Assert.EndsWith("Signature=" + signature, authorization);
    }

    [Fact]
    public async Task Session_credentials_send_and_sign_their_token()
    {
        // Arrange
        var handler = new StubHandler((_, _) => StubHandler.Json(200, "{}"));
        using var connection = new AwsConnection(ConnectionTestKit.Options(handler) with
        {
            Credentials = new SessionAWSCredentials(ConnectionTestKit.AccessKey, ConnectionTestKit.SecretKey, "session-token-value"),
        });

        // Act
        await connection.InvokeAsync(AwsService.Sqs, "GetQueueUrl", new JsonObject { ["QueueName"] = "jobs" }, CancellationToken.None);

        // Assert
        var request = Assert.Single(handler.Requests);
        Assert.Equal("session-token-value", request.Header("X-Amz-Security-Token"));
        Assert.Contains("x-amz-security-token", request.Header("Authorization"));
    }

    [Fact]
    public async Task The_observer_hears_of_each_attempt_without_its_headers()
    {
        // Arrange
        var observer = new RecordingObserver();
        var handler = new StubHandler((_, _) => StubHandler.Json(200, "{}"));
        using var connection = new AwsConnection(ConnectionTestKit.Options(handler) with { Observer = observer });

        // Act
        await connection.InvokeAsync(AwsService.Sqs, "GetQueueUrl", new JsonObject { ["QueueName"] = "jobs" }, CancellationToken.None);

        // Assert
        var attempt = Assert.Single(observer.Attempts);
        Assert.Equal(("GetQueueUrl", 1, 200), (attempt.Operation, attempt.Attempt, attempt.StatusCode));
        Assert.DoesNotContain("Signature", attempt.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ConnectionTestKit.SecretKey, attempt.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Input_that_does_not_fit_the_model_is_rejected_before_anything_is_sent()
    {
        // Arrange
        var handler = new StubHandler((_, _) => StubHandler.Json(200, "{}"));
        using var connection = new AwsConnection(ConnectionTestKit.Options(handler));

        // Act
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            connection.InvokeAsync(AwsService.Sqs, "GetQueueUrl", new JsonObject { ["QueueName"] = "jobs", ["Queue"] = "x" }, CancellationToken.None));

        // Assert
        Assert.Contains("Queue is not a member of GetQueueUrlRequest", error.Message);
        Assert.Equal(0, handler.Calls);
    }
}
