namespace SparseCompile.Compiler.Diagnostics;

/// <summary>
/// Stable codes of input samples and evaluation: SC117x for bad sample and label files (thrown as
/// <see cref="SparseCompile.Onnx.Diagnostics.SparseCompileException"/> naming the file and, where it
/// applies, the tensor), SC300x for models that cannot be compared and for accuracy gates that fail.
/// Codes never change meaning once shipped.
/// </summary>
public static class EvaluationDiagnosticCodes
{
    /// <summary>The data path does not exist, or holds no samples (no test_data_set_N folders with input_K.pb files, no .npz files).</summary>
    public const string DataNotFound = "SC1170";

    /// <summary>A sample or label file could not be read (permissions, I/O error), or is larger than a sample may be (2 GiB).</summary>
    public const string SampleReadFailed = "SC1171";

    /// <summary>A sample file is malformed: a .pb that is not a TensorProto, an .npz that is not a readable zip (CRC, sizes, compression), an entry that is not a valid .npy array, or a dtype no model input can take.</summary>
    public const string MalformedSample = "SC1172";

    /// <summary>A sample tensor's data does not match its declared dims and element type, or its element count overflows.</summary>
    public const string SampleSizeMismatch = "SC1173";

    /// <summary>A sample tensor names no runtime input of the model, comes twice, or a folder holds more input_K.pb files than the model has inputs.</summary>
    public const string UnknownSampleInput = "SC1174";

    /// <summary>A sample lacks a runtime input of the model.</summary>
    public const string MissingSampleInput = "SC1175";

    /// <summary>A sample tensor's element type cannot be converted to its input's type (floats for an integer input, integers out of range, strings).</summary>
    public const string SampleTypeMismatch = "SC1176";

    /// <summary>A sample tensor's rank or a fixed dimension differs from the shape the model declares for its input.</summary>
    public const string SampleShapeMismatch = "SC1177";

    /// <summary>The labels file is malformed: a line that is not an integer, or fewer or more labels than the samples' rows.</summary>
    public const string InvalidLabels = "SC1178";

    /// <summary>Generated inputs cannot be made for an input: an element type or a shape the generator does not know.</summary>
    public const string CannotGenerateInput = "SC1179";

    /// <summary>The accuracy gate failed: the compiled model's cosine similarity to the input model is below --min-cosine.</summary>
    public const string CosineBelowMinimum = "SC3001";

    /// <summary>The accuracy gate failed: the compiled model's accuracy on the labels dropped more than --max-drop percentage points.</summary>
    public const string AccuracyDropTooLarge = "SC3002";

    /// <summary>The gate's fallback kept every weight it could dense and in float and the gate still fails (the loss comes from elsewhere).</summary>
    public const string FallbackExhausted = "SC3003";

    /// <summary>ONNX Runtime could not load or run a model on the samples.</summary>
    public const string ModelRunFailed = "SC3004";

    /// <summary>The two models cannot be compared: their runtime inputs or outputs differ in name or element type, or an output's shape differs on a sample.</summary>
    public const string ModelsNotComparable = "SC3005";
}
