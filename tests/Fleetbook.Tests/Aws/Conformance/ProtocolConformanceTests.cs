using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Fleetbook.Backends.Aws.Connection;
using Fleetbook.Backends.Aws.Protocol;

namespace Fleetbook.Tests.Aws.Conformance;

/// <summary>Every case of the official AWS protocol suites for AWS JSON 1.0, 1.1 and EC2, one test each.</summary>
public sealed class ProtocolConformanceTests
{
    private const string DefaultEndpoint = "https://example.com";
    private const string FixedIdempotencyToken = "00000000-0000-4000-8000-000000000000";

    public static IEnumerable<object[]> InputCases() => ProtocolSuites.Keys("input");

    public static IEnumerable<object[]> OutputCases() => ProtocolSuites.Keys("output");

    [ConformanceTheory]
    [MemberData(nameof(InputCases))]
    public void A_request_is_serialized_as_the_suite_expects(string key)
    {
        // Arrange
        var @case = ProtocolSuites.Case(key);
        var model = @case.Model();
        var operation = model.Operations.Values.Single();
        var input = operation.InputShape is null
            ? []
            : ProtocolSuites.ToDom(model, operation.InputShape, @case.Case["params"])!.AsObject();
        var protocol = AwsProtocols.For(model.Metadata, new ProtocolSettings { NewIdempotencyToken = () => FixedIdempotencyToken });
        var endpoint = new Uri(@case.Suite["clientEndpoint"]?.GetValue<string>() ?? DefaultEndpoint);
        var expected = @case.Case["serialized"]!.AsObject();

        // Act
        var request = protocol.Serialize(model, operation, input);
        var uri = AwsEndpoints.RequestUri(endpoint, request, applyHostPrefix: true);
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), uri) { Content = new ByteArrayContent(request.Body) };

        // Assert
        Assert.Equal(expected["method"]!.GetValue<string>(), request.Method);
        Assert.Equal(expected["uri"]!.GetValue<string>(), uri.AbsolutePath);
        if (expected["host"]?.GetValue<string>() is { } host)
        {
            Assert.Equal(host.Split('/')[0], uri.Host);
        }

        foreach (var (name, value) in expected["headers"]?.AsObject() ?? [])
        {
            Assert.True(request.Headers.TryGetValue(name, out var actual), $"The request has no {name} header.");
            Assert.Equal(value!.GetValue<string>(), actual);
        }

        foreach (var name in expected["requireHeaders"]?.AsArray().Select(n => n!.GetValue<string>()) ?? [])
        {
            Assert.True(name == "Content-Length" ? message.Content.Headers.ContentLength == request.Body.Length : request.Headers.ContainsKey(name), $"The request lacks {name}.");
        }

        if (expected["body"]?.GetValue<string>() is { } body)
        {
            var actualBody = Encoding.UTF8.GetString(request.Body);
            if (request.Headers["Content-Type"].StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal))
            {
                Assert.Equal(FormParameters(body), FormParameters(actualBody));
            }
            else
            {
                Assert.True(JsonNode.DeepEquals(JsonNode.Parse(body), JsonNode.Parse(actualBody)), $"Expected {body}, got {actualBody}.");
            }
        }
    }

    [ConformanceTheory]
    [MemberData(nameof(OutputCases))]
    public void A_response_is_read_as_the_suite_expects(string key)
    {
        // Arrange
        var @case = ProtocolSuites.Case(key);
        var model = @case.Model();
        var operation = model.Operations.Values.Single();
        var protocol = AwsProtocols.For(model.Metadata);
        var wire = @case.Case["response"]!.AsObject();
        var response = new ProtocolResponse(
            wire["status_code"]!.GetValue<int>(),
            ProtocolResponse.HeaderMap((wire["headers"]?.AsObject() ?? []).Select(h => KeyValuePair.Create(h.Key, h.Value!.GetValue<string>()))),
            Encoding.UTF8.GetBytes(wire["body"]?.GetValue<string>() ?? ""));

        if (@case.Case["errorCode"] is { } errorCode)
        {
            // Act
            var error = protocol.ReadError(model, operation, response);

            // Assert
            Assert.Equal(errorCode.GetValue<string>(), error.Code);
            if (@case.Case["errorMessage"]?.GetValue<string>() is { } message)
            {
                Assert.Equal(message, error.Message);
            }

            ProtocolSuites.AssertMatches(model, operation.Errors.Single(), @case.Case["error"], error.Fields, "error");
        }
        else
        {
            // Act
            var output = protocol.ReadOutput(model, operation, response);

            // Assert
            if (operation.OutputShape is null)
            {
                Assert.Empty(output);
            }
            else
            {
                ProtocolSuites.AssertMatches(model, operation.OutputShape, @case.Case["result"], output, "result");
            }
        }
    }

    private static string[] FormParameters(string body) =>
        body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => string.Join('=', pair.Split('=', 2).Select(WebUtility.UrlDecode)))
            .Order(StringComparer.Ordinal)
            .ToArray();
}
