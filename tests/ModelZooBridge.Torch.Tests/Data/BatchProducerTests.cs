using ModelZooBridge.Torch.Data;

namespace ModelZooBridge.Tests.Data;

[Trait("Area", "Data")]
public sealed class BatchProducerTests
{
    private static BatchGenerator Generator() => new(
        [SyntheticVolumes.WithSquare(1, 48, 48, squareStart: 10, squareSize: 8)],
        new SamplingOptions { Patch = PatchSize.Planar(32, 32), BatchSize = 2, Seed = 5, Augmentation = AugmentationOptions.Always },
        [1]);

    [Fact]
    public async Task It_delivers_the_same_batches_as_synchronous_generation_in_order()
    {
        var producer = new BatchProducer(Generator(), capacity: 2);
        var expected = Generator();
        var steps = new List<int>();
        await foreach (var batch in producer.ProduceAsync(epoch: 1, firstStep: 3, count: 6))
        {
            var reference = expected.Generate(1, batch.Step);
            Assert.Equal(reference.Images, batch.Images);
            Assert.Equal(reference.Classes, batch.Classes);
            steps.Add(batch.Step);
        }
        Assert.Equal([3, 4, 5, 6, 7, 8], steps);
        Assert.Equal(6, producer.Delivered);
    }

    [Fact]
    public async Task A_failure_in_the_worker_reaches_the_consumer_after_the_earlier_batches()
    {
        var generator = Generator();
        var producer = new BatchProducer((epoch, step) => step == 2 ? throw new TrainingDataException("bad step") : generator.Generate(epoch, step));
        var received = new List<int>();
        var error = await Assert.ThrowsAsync<TrainingDataException>(async () =>
        {
            await foreach (var batch in producer.ProduceAsync(0, 0, 5)) received.Add(batch.Step);
        });
        Assert.Equal("bad step", error.Message);
        Assert.Equal([0, 1], received);
    }

    [Fact]
    public async Task Cancelling_stops_the_enumeration_with_an_operation_cancelled_exception()
    {
        var generator = Generator();
        var producer = new BatchProducer(generator, capacity: 1);
        using var cancel = new CancellationTokenSource();
        int received = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in producer.ProduceAsync(0, 0, 1000, cancel.Token))
            {
                if (++received == 2) cancel.Cancel();
            }
        });
        Assert.Equal(2, received);
    }

    [Fact]
    public async Task Leaving_early_stops_the_worker_and_waiting_is_measured()
    {
        int generated = 0;
        var generator = Generator();
        var producer = new BatchProducer((epoch, step) =>
        {
            Interlocked.Increment(ref generated);
            Thread.Sleep(30);
            return generator.Generate(epoch, step);
        }, capacity: 1);
        await foreach (var batch in producer.ProduceAsync(0, 0, 100))
        {
            if (batch.Step == 2) break;
        }
        int afterBreak = Volatile.Read(ref generated);
        await Task.Delay(100);
        Assert.Equal(afterBreak, Volatile.Read(ref generated));
        Assert.InRange(afterBreak, 3, 5);
        // The consumer did no work, so it waited for about three 30 ms generations.
        Assert.InRange(producer.WaitTime.TotalMilliseconds, 60, 10_000);
    }
}
