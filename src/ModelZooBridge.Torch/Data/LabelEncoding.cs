namespace ModelZooBridge.Torch.Data;

/// <summary>How raw label values become class indices (see <see cref="LabelMapping"/>).</summary>
public enum LabelEncoding
{
    /// <summary>Binary when every value is 0 or 255 (and 255 occurs), otherwise integer classes.</summary>
    Auto,
    /// <summary>Raw 0 is class 0, raw 255 is class 1; any other value is an error.</summary>
    Binary,
    /// <summary>The raw value is the class index (0 … class count − 1).</summary>
    Classes,
}
