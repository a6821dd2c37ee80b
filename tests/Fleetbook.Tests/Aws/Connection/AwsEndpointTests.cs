using System.Text.Json.Nodes;
using Fleetbook.Backends.Aws;
using Fleetbook.Backends.Aws.Connection;

namespace Fleetbook.Tests.Aws.Connection;

public sealed class AwsEndpointTests
{
    private static readonly IReadOnlyDictionary<string, Uri> Configured = new Dictionary<string, Uri> { ["SQS"] = new("http://options.test/") };

    [Fact]
    public void The_service_variable_beats_the_general_one_which_beats_the_options()
    {
        // Arrange
        var both = Environment(("AWS_ENDPOINT_URL_SQS", "http://sqs.test/"), ("AWS_ENDPOINT_URL", "http://all.test/"));
        var general = Environment(("AWS_ENDPOINT_URL", "http://all.test/"));

        // Act
        var fromService = AwsEndpoints.Resolve(AwsService.Sqs, "eu-west-1", Configured, both);
        var fromGeneral = AwsEndpoints.Resolve(AwsService.Sqs, "eu-west-1", Configured, general);
        var fromOptions = AwsEndpoints.Resolve(AwsService.Sqs, "eu-west-1", Configured, Environment());

        // Assert
        Assert.Equal(("http://sqs.test/", "AWS_ENDPOINT_URL_SQS"), (fromService!.Uri.ToString(), fromService.Source));
        Assert.Equal(("http://all.test/", "AWS_ENDPOINT_URL"), (fromGeneral!.Uri.ToString(), fromGeneral.Source));
        Assert.Equal(("http://options.test/", "options"), (fromOptions!.Uri.ToString(), fromOptions.Source));
    }

    [Theory]
    [InlineData("SQS", "us-east-1", "https://sqs.us-east-1.amazonaws.com/")]
    [InlineData("CLOUDWATCH_LOGS", "eu-central-1", "https://logs.eu-central-1.amazonaws.com/")]
    [InlineData("CLOUDWATCH", "ap-southeast-2", "https://monitoring.ap-southeast-2.amazonaws.com/")]
    [InlineData("EC2", "cn-north-1", "https://ec2.cn-north-1.amazonaws.com.cn/")]
    public void Without_overrides_the_endpoint_follows_the_region_and_its_partition(string id, string region, string expected)
    {
        // Act
        var endpoint = AwsEndpoints.Resolve(AwsService.All.Single(s => s.Id == id), region, new Dictionary<string, Uri>(), Environment());

        // Assert
        Assert.Equal((expected, false), (endpoint!.Uri.ToString(), endpoint.IsCustom));
    }

    [Fact]
    public void Configured_endpoint_variables_can_be_ignored()
    {
        // Arrange
        var environment = Environment(("AWS_ENDPOINT_URL", "http://all.test/"), ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"));

        // Act
        var endpoint = AwsEndpoints.Resolve(AwsService.Sqs, "eu-west-1", Configured, environment);

        // Assert
        Assert.Equal("http://options.test/", endpoint!.Uri.ToString());
    }

    [Fact]
    public void An_endpoint_variable_that_is_not_a_URL_is_named_in_the_error()
    {
        // Act
        var error = Assert.Throws<InvalidOperationException>(() =>
            AwsEndpoints.Resolve(AwsService.Ecs, "eu-west-1", Configured, Environment(("AWS_ENDPOINT_URL_ECS", "localhost:4566"))));

        // Assert
        Assert.Contains("AWS_ENDPOINT_URL_ECS", error.Message);
    }

    [Fact]
    public async Task AWS_ENDPOINT_URL_SQS_sends_SQS_calls_to_its_server_rather_than_to_AWS_ENDPOINT_URL()
    {
        // Arrange
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(200, """{"QueueUrl":"from-sqs-server"}"""));
        var environment = Environment(("AWS_ENDPOINT_URL_SQS", server.Url.ToString()), ("AWS_ENDPOINT_URL", LoopbackHttpServer.RefusingUrl().ToString()));
        using var connection = new AwsConnection(ConnectionTestKit.Options(ConnectionTestKit.Direct(), TimeProvider.System) with
        {
            Environment = environment,
            MaxAttempts = 1,
        });

        // Act
        var output = await connection.InvokeAsync(AwsService.Sqs, "GetQueueUrl", new JsonObject { ["QueueName"] = "jobs" }, CancellationToken.None);

        // Assert
        Assert.Equal("from-sqs-server", output["QueueUrl"]!.GetValue<string>());
        Assert.Equal("AWS_ENDPOINT_URL_SQS", connection.EndpointFor(AwsService.Sqs).Source);
        Assert.Single(server.Requests);
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}
