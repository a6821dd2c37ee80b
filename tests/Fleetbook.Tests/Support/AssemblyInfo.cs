// Integration tests start worker processes and measure their effects; running them side by side on a
// 2-core machine only makes each slower and flakier.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
