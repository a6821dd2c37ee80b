// Integration tests start worker processes and measure their effects; running them side by side on a
// 2-core machine only makes each slower and flakier.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

// Marks the test process before the first test and, after the last, fails the run if any process it started is alive.
[assembly: TestFramework(Fleetbook.Tests.Support.LeakCheckingTestFramework.TypeName, Fleetbook.Tests.Support.LeakCheckingTestFramework.AssemblyName)]
