namespace SparseCompile.Onnx.Diagnostics;

/// <summary>
/// Stable error codes of the model layer. Codes never change meaning once shipped;
/// docs/diagnostics.md is the catalogue a user reads.
/// </summary>
public static class DiagnosticCodes
{
    /// <summary>The model file does not exist.</summary>
    public const string FileNotFound = "SC1001";

    /// <summary>The model file or stream holds no bytes.</summary>
    public const string EmptyFile = "SC1002";

    /// <summary>The bytes are not a well-formed protobuf message (corrupt or truncated).</summary>
    public const string CorruptProtobuf = "SC1003";

    /// <summary>The protobuf parsed but is not an ONNX model (no IR version or no graph).</summary>
    public const string NotAModel = "SC1004";

    /// <summary>A single protobuf file cannot exceed 2 GB.</summary>
    public const string ModelFileTooLarge = "SC1005";

    /// <summary>The file could not be read (permissions, I/O error).</summary>
    public const string ReadFailed = "SC1006";

    /// <summary>An external data file named by a tensor does not exist.</summary>
    public const string ExternalFileMissing = "SC1010";

    /// <summary>An external data location is absolute, contains "..", or leads outside the model's folder through a link.</summary>
    public const string ExternalPathOutsideModelFolder = "SC1011";

    /// <summary>An external data offset or length lies outside the external file.</summary>
    public const string ExternalRangeOutsideFile = "SC1012";

    /// <summary>An external data entry is malformed (no location, an offset or length that is not a non-negative integer).</summary>
    public const string ExternalDataMalformed = "SC1013";

    /// <summary>A model read from a stream refers to external data but no folder was given to resolve it.</summary>
    public const string ExternalDataWithoutFolder = "SC1014";

    /// <summary>The bytes or values present do not match the tensor's dims and element type.</summary>
    public const string TensorSizeMismatch = "SC1020";

    /// <summary>The tensor's element type is unknown or not supported by the requested operation.</summary>
    public const string UnsupportedElementType = "SC1021";

    /// <summary>The tensor's dims are negative or their product overflows.</summary>
    public const string InvalidDims = "SC1022";

    /// <summary>The tensor is too large to be viewed as a single span (over 2 GB).</summary>
    public const string TensorTooLargeForSpan = "SC1023";

    /// <summary>A typed view was requested with a CLR type that does not match the element type.</summary>
    public const string TensorTypeMismatch = "SC1024";

    /// <summary>Writing the model or its external data failed.</summary>
    public const string WriteFailed = "SC1030";

    /// <summary>The model cannot be written as a single protobuf (over 2 GB) where external data is not allowed.</summary>
    public const string CannotEmbed = "SC1031";

    /// <summary>The graph's nodes form a cycle.</summary>
    public const string GraphCycle = "SC1040";

    /// <summary>No node, tensor or value of the requested name exists.</summary>
    public const string UnknownName = "SC1041";

    /// <summary>Two initializers share a name, or a node output redefines an initializer, a graph input or another node's output.</summary>
    public const string DuplicateName = "SC1042";
}
