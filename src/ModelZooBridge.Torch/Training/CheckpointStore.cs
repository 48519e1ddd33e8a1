using ModelZooBridge.Arrays;
using ModelZooBridge.IO;
using ModelZooBridge.Serialization;

namespace ModelZooBridge.Torch.Training;

/// <summary>
/// A run's checkpoints: <c>NAME.safetensors</c> holds the tensors (model parameters and buffers, optimizer state)
/// with the <see cref="TrainerState"/> in its metadata, so one atomic rename makes the pair consistent;
/// <c>NAME.json</c> is a readable copy of the state, written after it.
/// </summary>
public sealed class CheckpointStore
{
    /// <summary>The checkpoint written after every epoch.</summary>
    public const string Last = "last";

    /// <summary>The checkpoint with the lowest validation loss.</summary>
    public const string Best = "best";

    private const string StateKey = "modelzoobridge.trainer_state";

    /// <summary>Keeps checkpoints in <paramref name="folder"/> (created when missing).</summary>
    public CheckpointStore(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        Folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(Folder);
    }

    /// <summary>The checkpoint folder.</summary>
    public string Folder { get; }

    /// <summary>The tensor file of checkpoint <paramref name="name"/>.</summary>
    public string TensorPath(string name) => Path.Combine(Folder, name + ".safetensors");

    /// <summary>True when checkpoint <paramref name="name"/> exists.</summary>
    public bool Exists(string name) => File.Exists(TensorPath(name));

    /// <summary>Writes checkpoint <paramref name="name"/> atomically, replacing the previous one only once complete.</summary>
    public void Save(string name, IReadOnlyDictionary<string, NdArray> tensors, TrainerState state)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentNullException.ThrowIfNull(state);
        var json = state.ToJson();
        SafeTensors.Write(TensorPath(name), tensors, new Dictionary<string, string> { [StateKey] = json });
        using var copy = AtomicFile.Create(Path.Combine(Folder, name + ".json"));
        copy.Stream.Write(System.Text.Encoding.UTF8.GetBytes(json + "\n"));
        copy.Commit();
    }

    /// <summary>Reads checkpoint <paramref name="name"/>.</summary>
    /// <exception cref="FileNotFoundException">When there is none.</exception>
    /// <exception cref="InvalidDataException">When the file is damaged or carries no trainer state.</exception>
    public (IReadOnlyDictionary<string, NdArray> Tensors, TrainerState State) Load(string name)
    {
        var path = TensorPath(name);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such checkpoint", path);
        var content = SafeTensors.Read(path);
        if (!content.Metadata.TryGetValue(StateKey, out var json))
            throw new InvalidDataException($"{path}: not a ModelZooBridge checkpoint (no trainer state in its metadata)");
        return (content.Tensors, TrainerState.FromJson(json, path));
    }
}
