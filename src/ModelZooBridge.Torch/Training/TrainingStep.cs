using ModelZooBridge.Torch.Data;
using ModelZooBridge.Torch.Nn;
using ModelZooBridge.Torch.Optim;

namespace ModelZooBridge.Torch.Training;

/// <summary>
/// One optimizer step on one batch, exactly as the <see cref="Trainer"/> takes it: the images into a tensor, forward,
/// the loss against the batch's classes (cropped to the logits), zeroed gradients, backward, step.
/// </summary>
public static class TrainingStep
{
    /// <summary>Runs the step (the model should be in training mode) and returns the loss.</summary>
    /// <param name="model">The network being trained.</param>
    /// <param name="optimizer">The optimizer over the model's trainable parameters.</param>
    /// <param name="batch">Images and target classes (and optional pixel weights).</param>
    /// <param name="loss">Which loss to minimise.</param>
    public static double Run(Module<Tensor, Tensor> model, Optimizer optimizer, TrainingBatch batch, TrainingLoss loss)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = TorchRuntime.NewScope();
        var images = Tensor.FromArray<float>(batch.Images, batch.ImageShape);
        var logits = model.Forward(images);
        var (classes, weights) = Targets.CroppedTo(batch, logits.Shape);
        var value = Losses.CrossEntropy(logits, classes, weights);
        if (loss == TrainingLoss.CrossEntropyDice) value += Losses.SoftDice(logits, classes);
        optimizer.ZeroGrad();
        value.Backward();
        optimizer.Step();
        return value.Item();
    }
}
