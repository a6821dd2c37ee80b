namespace Fleetbook.Tests.Aws.Fake;

/// <summary>An AWS error the fake answers with: its code (JSON <c>__type</c> or EC2 <c>&lt;Code&gt;</c>), message and HTTP status.</summary>
internal sealed class FakeAwsException(string code, string message, int status = 400) : Exception(message)
{
    public string Code { get; } = code;
    public int Status { get; } = status;
}
