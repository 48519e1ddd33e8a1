namespace ModelZooBridge.Spec;

/// <summary>
/// An entry of <c>preprocessing</c>/<c>postprocessing</c>: <c>{id, kwargs}</c>. One subtype per op id.
/// Optional <c>axes</c> lists are null when omitted (which has a meaning: all axes / dataset statistics).
/// </summary>
public abstract record ProcessingDescr
{
    private protected ProcessingDescr() { }

    /// <summary>The op <c>id</c>, e.g. <c>zero_mean_unit_variance</c>.</summary>
    public abstract string Id { get; }
}
