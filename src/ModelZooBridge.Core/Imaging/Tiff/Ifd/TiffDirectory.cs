using ModelZooBridge.Imaging.Tiff.Constants;

namespace ModelZooBridge.Imaging.Tiff.Ifd;

/// <summary>One parsed IFD: the entries of the tags this reader uses (others are skipped while parsing).</summary>
/// <param name="Index">Position in the IFD chain, 0 for the first page.</param>
/// <param name="Offset">Where the IFD starts in the file.</param>
/// <param name="Entries">Entries of known tags, first occurrence of each.</param>
internal sealed record TiffDirectory(int Index, long Offset, TiffEntry[] Entries)
{
    /// <summary>Finds the entry for <paramref name="tag"/>.</summary>
    public bool TryGet(TiffTag tag, out TiffEntry entry)
    {
        foreach (var e in Entries)
        {
            if (e.Tag == (ushort)tag)
            {
                entry = e;
                return true;
            }
        }
        entry = default;
        return false;
    }
}
