namespace Fleetbook.Notebooks.Protocol;

/// <summary>The stdio protocol's event types this runner acts on (dotnet/interactive's Microsoft.DotNet.Interactive.Events).</summary>
internal static class EventTypes
{
    public const string KernelReady = "KernelReady";
    public const string CommandSucceeded = "CommandSucceeded";
    public const string CommandFailed = "CommandFailed";
    public const string DisplayedValueProduced = "DisplayedValueProduced";
    public const string DisplayedValueUpdated = "DisplayedValueUpdated";
    public const string ReturnValueProduced = "ReturnValueProduced";
    public const string StandardOutputValueProduced = "StandardOutputValueProduced";
    public const string StandardErrorValueProduced = "StandardErrorValueProduced";
    public const string ErrorProduced = "ErrorProduced";
}
