using System.Text.Json.Nodes;
using Fleetbook.Backends.Aws;

namespace Fleetbook.Tests.Aws.Fake;

/// <summary>
/// One request the fake received: its service, its operation and its input as a JSON tree with the model's member
/// names (EC2 query parameters are parsed back into that tree; their timestamps stay ISO-8601 strings).
/// </summary>
public sealed record RecordedCall(AwsService Service, string Operation, JsonObject Input, DateTimeOffset At, bool Failed)
{
    public override string ToString() => $"{Service.Id} {Operation}{(Failed ? " (failed)" : "")}";
}

/// <summary>Whether a violation is the client's (a request that breaks the model) or the fake's own (a response that does).</summary>
public enum ViolationSide
{
    Request,
    Response,
}

/// <summary>A request (or, as a bug of the fake, a response) that breaks the official model or the protocol.</summary>
/// <param name="Path">Where, by model member names, e.g. <c>containerDefinitions[0].environment[2].name</c>; empty for the whole message.</param>
public sealed record ModelViolation(AwsService? Service, string Operation, ViolationSide Side, string Path, string Problem)
{
    public override string ToString() =>
        $"{Service?.Id ?? "?"} {Operation}{(Side == ViolationSide.Response ? " (response of the fake)" : "")}: {(Path.Length > 0 ? Path + ": " : "")}{Problem}";
}
