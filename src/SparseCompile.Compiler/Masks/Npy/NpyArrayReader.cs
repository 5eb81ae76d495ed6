using SparseCompile.Compiler.Masks.Decoding;

namespace SparseCompile.Compiler.Masks.Npy;

/// <summary>
/// Reads one .npy array (a file, or an entry of an .npz) into a mask. The declared shape is
/// checked against the bytes present before anything is allocated for it, and the data must
/// fill the array exactly.
/// </summary>
internal static class NpyArrayReader
{
    /// <summary>Reads the array <paramref name="source"/> holds; it is <paramref name="length"/> bytes long, header included.</summary>
    public static MaskTensor Read(Stream source, long length, string? filePath, string key)
    {
        var header = NpyHeaderReader.Read(source, length, filePath, key);
        long count = MaskShape.ElementCount(header.Shape, filePath, key);
        long needed = MaskShape.ByteCount(count, header.Rule.ItemSize, filePath, key);
        long present = length - header.DataOffset;
        if (needed > present)
        {
            throw MaskErrors.DataShorterThanShape(filePath, key, needed, present);
        }

        if (needed < present)
        {
            throw MaskErrors.DataLongerThanShape(filePath, key, needed, present);
        }

        int elements = MaskShape.ArrayLength(count, filePath, key);
        var keep = KeepReader.Read(source, header.Rule, header.Shape, elements, header.FortranOrder, filePath, key);
        return new MaskTensor(key, header.Shape, keep);
    }
}
