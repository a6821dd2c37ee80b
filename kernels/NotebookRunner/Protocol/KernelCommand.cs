using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fleetbook.Notebooks.Protocol;

/// <summary>
/// A command envelope of .NET Interactive's stdio protocol, as VS Code's Polyglot Notebooks sends it: one JSON line
/// with the command's type, its fields, and a token that every event the command causes carries back.
/// </summary>
internal sealed record KernelCommand(string CommandType, JsonObject Command, string Token)
{
    private static readonly JsonSerializerOptions OneLine = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static KernelCommand SubmitCode(string code, string kernelName, string token) =>
        new("SubmitCode", new JsonObject { ["code"] = code, ["targetKernelName"] = kernelName }, token);

    /// <summary>Cancels whatever the kernel is running; the running command then fails with "Command cancelled.".</summary>
    public static KernelCommand Cancel(string kernelName, string token) =>
        new("Cancel", new JsonObject { ["targetKernelName"] = kernelName }, token);

    public string ToJsonLine() =>
        new JsonObject { ["commandType"] = CommandType, ["command"] = Command.DeepClone(), ["token"] = Token }.ToJsonString(OneLine);
}
