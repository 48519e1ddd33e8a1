namespace ModelZooBridge.Imaging.Tiff.Writing;

/// <summary>A TIFF RATIONAL: two unsigned 32-bit integers (TIFF 6.0 §2, field type 5).</summary>
internal readonly record struct TiffRational(uint Numerator, uint Denominator)
{
    /// <summary>
    /// The closest fraction to a positive finite <paramref name="value"/> whose terms fit 32 bits: the last continued-fraction
    /// convergent that fits, so 1/0.325 becomes 40/13 exactly rather than a rounded decimal.
    /// </summary>
    public static TiffRational Approximate(double value)
    {
        if (!double.IsFinite(value) || value <= 0)
            throw new ArgumentOutOfRangeException(nameof(value), value, "a resolution must be positive and finite");
        if (value >= uint.MaxValue) return new TiffRational(uint.MaxValue, 1);

        Int128 previousNumerator = 0, numerator = 1, previousDenominator = 1, denominator = 0;
        double remainder = value;
        for (int step = 0; step < 64; step++)
        {
            double whole = Math.Floor(remainder);
            var term = (Int128)whole;
            Int128 nextNumerator = term * numerator + previousNumerator;
            Int128 nextDenominator = term * denominator + previousDenominator;
            if (nextNumerator > uint.MaxValue || nextDenominator > uint.MaxValue) break;
            (previousNumerator, numerator) = (numerator, nextNumerator);
            (previousDenominator, denominator) = (denominator, nextDenominator);
            double fraction = remainder - whole;
            if (fraction <= 0 || (double)numerator / (double)denominator == value) break;
            remainder = 1 / fraction;
        }
        return numerator == 0 || denominator == 0
            ? new TiffRational(1, uint.MaxValue)
            : new TiffRational((uint)numerator, (uint)denominator);
    }

    /// <summary>The value as a double.</summary>
    public double Value => (double)Numerator / Denominator;
}
