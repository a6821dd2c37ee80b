using Fleetbook.Tests.Support;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Fleetbook.Tests.Aws.Conformance;

/// <summary>The official AWS test suites in ../shared/aws-conformance, beside the models folder.</summary>
internal static class ConformanceFiles
{
    public const string MissingReason =
        "../shared/aws-conformance is not beside the repository (set FLEETBOOK_SHARED to the shared folder to run the AWS conformance suites).";

    public static string? Folder { get; } = Find();

    public static bool Available => Folder is not null;

    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([Folder ?? throw new InvalidOperationException(MissingReason), .. parts]);

    private static string? Find()
    {
        if (AwsModels.Folder is not { } models)
        {
            return null;
        }

        var folder = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.TrimEndingDirectorySeparator(models))!, "aws-conformance");
        return Directory.Exists(folder) ? folder : null;
    }
}

/// <summary>
/// A theory over conformance cases: skipped, with the reason, when the suites are absent; each data row whose
/// key (its first argument) is in <see cref="ConformanceSkips"/> is reported as skipped with its own reason.
/// </summary>
[XunitTestCaseDiscoverer("Fleetbook.Tests.Aws.Conformance.ConformanceTheoryDiscoverer", "Fleetbook.Tests")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ConformanceTheoryAttribute : TheoryAttribute
{
    public ConformanceTheoryAttribute()
    {
        if (!ConformanceFiles.Available)
        {
            Skip = ConformanceFiles.MissingReason;
        }
    }
}

public sealed class ConformanceTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForDataRow(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute, object[] dataRow) =>
        dataRow is [string key, ..] && ConformanceSkips.Reason(key) is { } reason
            ? CreateTestCasesForSkippedDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow, reason)
            : base.CreateTestCasesForDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow);
}
