using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Fleetbook.Tests.Support;

/// <summary>
/// xUnit's own framework, with the test run's process check around it: the test process is marked before the first
/// test (<see cref="TestRunProcesses"/>), and once every test collection has finished (their fixtures disposed, the
/// emulators and the Docker daemon stopped), every process of the run still alive is killed and named, and the run
/// fails with an error — whatever the filter, so a filtered run is checked too.
/// </summary>
public sealed class LeakCheckingTestFramework : XunitTestFramework
{
    public const string TypeName = "Fleetbook.Tests.Support.LeakCheckingTestFramework";
    public const string AssemblyName = "Fleetbook.Tests";

    public LeakCheckingTestFramework(IMessageSink messageSink)
        : base(messageSink)
    {
        _ = TestRunProcesses.Mark;
    }

    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        protected override async void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            using var runner = new AssemblyRunner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
            await runner.RunAsync();
        }
    }

    private sealed class AssemblyRunner(
        ITestAssembly testAssembly, IEnumerable<IXunitTestCase> testCases, IMessageSink diagnosticMessageSink, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        : XunitTestAssemblyRunner(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions)
    {
        protected override async Task<RunSummary> RunTestCollectionsAsync(IMessageBus messageBus, CancellationTokenSource cancellationTokenSource)
        {
            var summary = await base.RunTestCollectionsAsync(messageBus, cancellationTokenSource);
            var left = await TestRunProcesses.EndAsync();
            if (left.Count > 0)
            {
                var message = $"The test run left {left.Count} process(es) running; they were killed. A test must end what it starts " +
                              $"(they carry {TestRunProcesses.Variable}={TestRunProcesses.Mark}):\n" + string.Join('\n', left);
                messageBus.QueueMessage(new ErrorMessage(TestCases, [typeof(LeftProcessesException).FullName!], [message], [""], [-1]));
                summary.Failed++;
            }

            return summary;
        }
    }

    /// <summary>The kind of error the run reports when processes were left behind.</summary>
    private sealed class LeftProcessesException : Exception;
}
