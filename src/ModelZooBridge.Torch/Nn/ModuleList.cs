using System.Globalization;

namespace ModelZooBridge.Torch.Nn;

/// <summary>Modules held by index and registered as <c>0</c>, <c>1</c>, … (<c>torch.nn.ModuleList</c>); its owner decides how to call them.</summary>
/// <typeparam name="TModule">The element type.</typeparam>
public sealed class ModuleList<TModule> : Module where TModule : Module
{
    private readonly List<TModule> _modules = [];

    /// <summary>The number of modules.</summary>
    public int Count => _modules.Count;

    /// <summary>The module at <paramref name="index"/>.</summary>
    public TModule this[int index] => _modules[index];

    /// <summary>Adds a module at the end under the next index.</summary>
    public void Append(TModule module) => _modules.Add(RegisterModule(_modules.Count.ToString(CultureInfo.InvariantCulture), module));
}
