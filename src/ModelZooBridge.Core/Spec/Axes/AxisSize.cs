namespace ModelZooBridge.Spec;

/// <summary>
/// The <c>size</c> of a 0.5 axis: <see cref="FixedSize"/> (an integer), <see cref="ParameterizedSize"/>
/// (<c>{min, step}</c>), <see cref="SizeReference"/> (<c>{tensor_id, axis_id, offset}</c>) or
/// <see cref="DataDependentSize"/> (<c>{min, max}</c>, output index axes only).
/// </summary>
public abstract record AxisSize
{
    private protected AxisSize() { }
}
