using ModelZooBridge.Arrays;
using ModelZooBridge.Torch.Nn;
using ModelZooBridge.Torch.Optim;

namespace ModelZooBridge.Torch.Training;

/// <summary>
/// The tensors a checkpoint holds: the model's state dict as <c>model.NAME</c> and the optimizer's per-parameter state
/// as <c>optimizer.INDEX.STATE</c> (parameters in <see cref="Module.Parameters"/> order).
/// </summary>
internal static class TrainingState
{
    private const string ModelPrefix = "model.", OptimizerPrefix = "optimizer.";

    public static Dictionary<string, NdArray> Capture(Module model, Optimizer optimizer)
    {
        var tensors = new Dictionary<string, NdArray>(StringComparer.Ordinal);
        foreach (var (name, tensor) in model.StateDict()) tensors[ModelPrefix + name] = ToArray(tensor);
        for (int p = 0; p < optimizer.Parameters.Count; p++)
        {
            foreach (var name in optimizer.StateNames)
            {
                using var state = optimizer.GetState(p, name);
                if (state is not null) tensors[$"{OptimizerPrefix}{p}.{name}"] = ToArray(state);
            }
        }
        return tensors;
    }

    /// <exception cref="InvalidDataException">When the checkpoint does not fit the model or optimizer.</exception>
    public static void Restore(Module model, Optimizer optimizer, IReadOnlyDictionary<string, NdArray> tensors, string nameForErrors)
    {
        RestoreModel(model, tensors, nameForErrors);
        foreach (var (name, array) in tensors)
        {
            if (!name.StartsWith(OptimizerPrefix, StringComparison.Ordinal)) continue;
            var parts = name[OptimizerPrefix.Length..].Split('.', 2);
            if (parts.Length != 2 || !int.TryParse(parts[0], out int p) || p < 0 || p >= optimizer.Parameters.Count || !optimizer.StateNames.Contains(parts[1]))
                throw new InvalidDataException($"{nameForErrors}: tensor '{name}' does not fit a {optimizer.GetType().Name} over {optimizer.Parameters.Count} parameters");
            using var value = ToTensor(array);
            optimizer.SetState(p, parts[1], value);
        }
    }

    /// <summary>Loads the <c>model.*</c> tensors into <paramref name="model"/>.</summary>
    /// <exception cref="InvalidDataException">When they do not fit the model.</exception>
    public static void RestoreModel(Module model, IReadOnlyDictionary<string, NdArray> tensors, string nameForErrors)
    {
        var modelState = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var (name, array) in tensors)
            {
                if (name.StartsWith(ModelPrefix, StringComparison.Ordinal)) modelState[name[ModelPrefix.Length..]] = ToTensor(array);
            }
            model.LoadStateDict(modelState);
        }
        catch (ArgumentException error)
        {
            throw new InvalidDataException($"{nameForErrors}: does not fit the model: {error.Message}", error);
        }
        finally
        {
            foreach (var tensor in modelState.Values) tensor.Dispose();
        }
    }

    public static NdArray ToArray(Tensor tensor)
    {
        var shape = tensor.Shape.Select(s => checked((int)s)).ToArray();
        var array = NdArray.Create(tensor.DType, shape);
        switch (tensor.DType)
        {
            case DType.Float32: tensor.CopyTo(array.As<float>().Span); break;
            case DType.Float64: tensor.CopyTo(array.As<double>().Span); break;
            case DType.Int64: tensor.CopyTo(array.As<long>().Span); break;
            default: throw new NotSupportedException($"tensor dtype {tensor.DType.Name()} cannot be checkpointed");
        }
        return array;
    }

    public static Tensor ToTensor(NdArray array)
    {
        var shape = array.Shape.Select(s => (long)s).ToArray();
        return array.DType switch
        {
            DType.Float32 => Tensor.FromArray<float>(array.As<float>().Span, shape),
            DType.Float64 => Tensor.FromArray<double>(array.As<double>().Span, shape),
            DType.Int64 => Tensor.FromArray<long>(array.As<long>().Span, shape),
            _ => throw new InvalidDataException($"checkpoint tensor of dtype {array.DType.Name()} is not float32, float64 or int64"),
        };
    }
}
