using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace ModelZooBridge.Torch.Data;

/// <summary>
/// Prepares batches on a worker thread while the consumer computes: a bounded channel holds at most
/// <see cref="Capacity"/> finished batches. Steps are produced in order by one worker from a pure
/// (epoch, step) function, so the batches and their order do not depend on timing. A failure in the worker
/// surfaces from the consumer's enumeration; cancelling, or leaving the loop early, stops the worker before
/// the enumeration ends. <see cref="WaitTime"/> adds up how long the consumer waited for data.
/// </summary>
public sealed class BatchProducer
{
    private readonly Func<int, int, TrainingBatch> _generate;
    private long _waitTicks;
    private long _delivered;

    /// <summary>Produces the batches of <paramref name="generator"/>.</summary>
    public BatchProducer(BatchGenerator generator, int capacity = 4) : this(generator.Generate, capacity) { }

    /// <summary>Produces the batches of any (epoch, step) → batch function, which runs on the worker thread.</summary>
    public BatchProducer(Func<int, int, TrainingBatch> generate, int capacity = 4)
    {
        ArgumentNullException.ThrowIfNull(generate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _generate = generate;
        Capacity = capacity;
    }

    /// <summary>The most batches prepared ahead of the consumer.</summary>
    public int Capacity { get; }

    /// <summary>Total time the consumer spent waiting for a batch, over every enumeration so far.</summary>
    public TimeSpan WaitTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _waitTicks));

    /// <summary>Batches handed to the consumer so far.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>
    /// Batches <paramref name="firstStep"/> … <paramref name="firstStep"/> + <paramref name="count"/> − 1 of
    /// <paramref name="epoch"/>, in order (start later to resume a run).
    /// </summary>
    public async IAsyncEnumerable<TrainingBatch> ProduceAsync(int epoch, int firstStep, int count, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstStep);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var channel = Channel.CreateBounded<TrainingBatch>(new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var worker = new Thread(() => Produce(channel.Writer, epoch, firstStep, count, stop.Token))
        {
            IsBackground = true,
            Name = "mzb batch producer",
        };
        worker.Start();
        try
        {
            var reader = channel.Reader;
            while (true)
            {
                // Checked before every read, so no batch is handed out once the consumer has cancelled.
                cancellationToken.ThrowIfCancellationRequested();
                if (reader.TryRead(out var batch))
                {
                    Interlocked.Increment(ref _delivered);
                    yield return batch;
                    continue;
                }
                long started = Stopwatch.GetTimestamp();
                bool more = await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
                Interlocked.Add(ref _waitTicks, Stopwatch.GetTimestamp() - started);
                if (!more) break;
            }
            // A worker stopped by cancellation completes the channel quietly; the consumer must still hear of it.
            cancellationToken.ThrowIfCancellationRequested();
        }
        finally
        {
            stop.Cancel();
            worker.Join();
        }
    }

    private void Produce(ChannelWriter<TrainingBatch> writer, int epoch, int firstStep, int count, CancellationToken cancellationToken)
    {
        try
        {
            for (int step = firstStep; step < firstStep + count; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var batch = _generate(epoch, step);
                if (!writer.TryWrite(batch)) writer.WriteAsync(batch, cancellationToken).AsTask().GetAwaiter().GetResult();
            }
            writer.TryComplete();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            writer.TryComplete();
        }
        catch (Exception e)
        {
            writer.TryComplete(e);
        }
    }
}
