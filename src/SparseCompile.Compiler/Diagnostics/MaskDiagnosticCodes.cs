namespace SparseCompile.Compiler.Diagnostics;

/// <summary>
/// Stable error codes for reading and writing mask files (SC11xx). They are thrown as
/// <see cref="SparseCompile.Onnx.Diagnostics.SparseCompileException"/> naming the mask file and,
/// where it applies, the mask key. Codes never change meaning once shipped.
/// </summary>
public static class MaskDiagnosticCodes
{
    /// <summary>The mask file does not exist, or the path is a folder.</summary>
    public const string MaskFileNotFound = "SC1100";

    /// <summary>The file extension is not one of .npz, .npy, .safetensors or .onnx.</summary>
    public const string UnknownMaskFormat = "SC1101";

    /// <summary>An .npy array (a file or an .npz entry) has a bad magic, an unknown version, a truncated header or a header that is not the expected dict literal.</summary>
    public const string MalformedNpyHeader = "SC1102";

    /// <summary>A mask's element type has no keep/drop reading (complex, object, strings, structured, 4-bit and similar types).</summary>
    public const string UnsupportedMaskDtype = "SC1103";

    /// <summary>The bytes present are fewer or more than the declared shape times the item size.</summary>
    public const string MaskDataSizeMismatch = "SC1104";

    /// <summary>An .npz file is not a readable zip: no central directory, an unsupported compression method, bad deflate data, a CRC mismatch or an entry shorter than declared.</summary>
    public const string CorruptZip = "SC1105";

    /// <summary>An .npz entry declares more bytes than the limit, an expansion beyond what deflate can produce, or yields more bytes than it declared.</summary>
    public const string ZipEntryTooLarge = "SC1106";

    /// <summary>A .safetensors header is malformed: its length runs past the file or over 100 MB, it is not a JSON object, or an entry lacks a valid dtype, shape or data_offsets.</summary>
    public const string MalformedSafeTensorsHeader = "SC1107";

    /// <summary>Two masks in one file have the same key.</summary>
    public const string DuplicateMaskKey = "SC1108";

    /// <summary>The mask file holds no bytes.</summary>
    public const string EmptyMaskFile = "SC1109";

    /// <summary>A .safetensors entry's data_offsets lie outside the data, run backwards, overlap another entry or leave bytes unaccounted for.</summary>
    public const string SafeTensorsOffsetsInvalid = "SC1110";

    /// <summary>A mask's element count overflows, or is beyond the most one array can hold (about 2^31).</summary>
    public const string MaskTooLarge = "SC1111";

    /// <summary>An .npz entry's name does not end in .npy, so it is not an array numpy would load.</summary>
    public const string NpzEntryNotNpy = "SC1112";

    /// <summary>The mask file could not be read (permissions, I/O error).</summary>
    public const string MaskReadFailed = "SC1113";

    /// <summary>A mask file could not be written; no partial file is left behind.</summary>
    public const string MaskWriteFailed = "SC1114";

    /// <summary>A mask's key is empty (an .onnx initializer without a name, an .npz entry named '.npy', a .safetensors key ""), so it can name no weight.</summary>
    public const string EmptyMaskKey = "SC1115";
}
