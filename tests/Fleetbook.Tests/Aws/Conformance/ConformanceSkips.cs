namespace Fleetbook.Tests.Aws.Conformance;

/// <summary>The conformance cases that are not run, each with the reason; everything else must pass.</summary>
internal static class ConformanceSkips
{
    private static readonly Dictionary<string, string> Reasons = new(StringComparer.Ordinal)
    {
    };

    public static string? Reason(string key) => Reasons.GetValueOrDefault(key);
}
