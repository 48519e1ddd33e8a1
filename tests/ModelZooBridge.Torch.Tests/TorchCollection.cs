using ModelZooBridge.Torch;

namespace ModelZooBridge.Tests;

/// <summary>libtorch's seed, thread count and grad mode are process-global: every test that uses them runs in this one serial collection, on 1 libtorch thread.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection : ICollectionFixture<TorchCollection.SingleThread>
{
    public const string Name = "Torch";

    /// <summary>Sets libtorch to 1 intra-op thread once for the collection.</summary>
    public sealed class SingleThread
    {
        public SingleThread() => TorchRuntime.NumThreads = 1;
    }
}
