// TorchSharp's random seed and thread count are process-wide: tests run one at a time so seeded runs repeat.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
