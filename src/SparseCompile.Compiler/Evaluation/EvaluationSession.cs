using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SparseCompile.Compiler.Data;
using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Onnx.Diagnostics;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Evaluation;

/// <summary>
/// The one place SparseCompile runs models for evaluation: an ONNX Runtime CPU session with
/// <see cref="IntraOpThreads"/> intra-op threads, sequential execution and all graph optimizations (what a
/// deployment runs). Feeds a sample's tensors by name and returns every output converted to float.
/// </summary>
public sealed class EvaluationSession : IDisposable
{
    /// <summary>Intra-op threads of every evaluation session.</summary>
    public const int IntraOpThreads = 2;

    private readonly InferenceSession session;
    private readonly string displayName;

    private EvaluationSession(InferenceSession session, string displayName)
    {
        this.session = session;
        this.displayName = displayName;
        InputNames = session.InputMetadata.Keys.ToArray();
        OutputNames = session.OutputMetadata.Keys.ToArray();
        OutputTypes = session.OutputMetadata.ToDictionary(m => m.Key, m => m.Value.IsTensor ? m.Value.ElementDataType.ToString() : m.Value.OnnxValueType.ToString(), StringComparer.Ordinal);
    }

    /// <summary>The inputs the session takes, in model order.</summary>
    public IReadOnlyList<string> InputNames { get; }

    /// <summary>The outputs it returns, in model order.</summary>
    public IReadOnlyList<string> OutputNames { get; }

    /// <summary>The element type of every output, by name (for the comparability check).</summary>
    public IReadOnlyDictionary<string, string> OutputTypes { get; }

    /// <summary>Inputs, outputs and output types together.</summary>
    internal ModelSignature Signature => new(InputNames, OutputNames, OutputTypes);

    /// <summary>Opens a model file (its external data is read from its folder).</summary>
    /// <exception cref="SparseCompileException">SC3004 when ONNX Runtime cannot load it.</exception>
    public static EvaluationSession Open(string modelPath)
    {
        ArgumentNullException.ThrowIfNull(modelPath);
        return Create(modelPath, options => new InferenceSession(modelPath, options));
    }

    /// <summary>Opens a model held in memory as one serialized protobuf; <paramref name="displayName"/> names it in errors.</summary>
    /// <exception cref="SparseCompileException">SC3004 when ONNX Runtime cannot load it.</exception>
    public static EvaluationSession Open(byte[] model, string displayName)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Create(displayName, options => new InferenceSession(model, options));
    }

    /// <summary>Runs the model on <paramref name="sample"/>; returns the outputs named in <paramref name="outputs"/> (default: <see cref="OutputNames"/>), in that order.</summary>
    /// <exception cref="SparseCompileException">SC3004 when the run fails, SC1175 when the sample lacks an input.</exception>
    public IReadOnlyList<OutputTensor> Run(InputSample sample, IReadOnlyList<string>? outputs = null)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var wanted = (outputs ?? OutputNames).ToArray();
        var feeds = new List<OrtValue>(InputNames.Count);
        try
        {
            foreach (string name in InputNames)
            {
                var tensor = sample.Find(name) ?? throw new SparseCompileException(EvaluationDiagnosticCodes.MissingSampleInput, sample.Source,
                    $"the sample has no tensor for input '{name}' of {displayName}", name);
                feeds.Add(SampleFeeds.ToOrtValue(tensor));
            }

            using var runOptions = new RunOptions();
            using var results = session.Run(runOptions, InputNames.ToArray(), feeds, wanted);
            return results.Select((value, i) => ToOutput(wanted[i], value)).ToArray();
        }
        catch (OnnxRuntimeException e)
        {
            throw new SparseCompileException(EvaluationDiagnosticCodes.ModelRunFailed, displayName,
                $"ONNX Runtime could not run the model on sample {sample.Source}: {e.Message}", inner: e);
        }
        finally
        {
            foreach (var feed in feeds)
            {
                feed.Dispose();
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => session.Dispose();

    private static EvaluationSession Create(string displayName, Func<SessionOptions, InferenceSession> open)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = IntraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        try
        {
            return new EvaluationSession(open(options), displayName);
        }
        catch (OnnxRuntimeException e)
        {
            throw new SparseCompileException(EvaluationDiagnosticCodes.ModelRunFailed, displayName, $"ONNX Runtime could not load the model: {e.Message}", inner: e);
        }
    }

    private OutputTensor ToOutput(string name, OrtValue value)
    {
        if (!value.IsTensor)
        {
            throw new SparseCompileException(EvaluationDiagnosticCodes.ModelsNotComparable, displayName,
                $"output '{name}' is not a tensor; only tensor outputs can be compared", name);
        }

        var info = value.GetTensorTypeAndShape();
        long[] dims = info.Shape;
        float[] values = info.ElementDataType switch
        {
            TensorElementType.Float => value.GetTensorDataAsSpan<float>().ToArray(),
            TensorElementType.Double => Convert(value.GetTensorDataAsSpan<double>(), static v => (float)v),
            TensorElementType.Float16 => Convert(value.GetTensorDataAsSpan<ushort>(), static v => (float)BitConverter.UInt16BitsToHalf(v)),
            TensorElementType.Int64 => Convert(value.GetTensorDataAsSpan<long>(), static v => v),
            TensorElementType.Int32 => Convert(value.GetTensorDataAsSpan<int>(), static v => v),
            TensorElementType.Int8 => Convert(value.GetTensorDataAsSpan<sbyte>(), static v => v),
            TensorElementType.UInt8 or TensorElementType.Bool => Convert(value.GetTensorDataAsSpan<byte>(), static v => v),
            _ => throw new SparseCompileException(EvaluationDiagnosticCodes.ModelsNotComparable, displayName,
                $"output '{name}' holds {info.ElementDataType}, which cannot be compared as numbers", name),
        };
        return new OutputTensor(name, dims, values);
    }

    private static float[] Convert<T>(ReadOnlySpan<T> source, Func<T, float> convert)
    {
        var result = new float[source.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = convert(source[i]);
        }

        return result;
    }
}
