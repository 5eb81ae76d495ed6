using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SparseCompile.Compiler.Data;
using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Onnx.Diagnostics;
using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Protos;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Calibration;

/// <summary>
/// An ONNX Runtime CPU session over a copy of a model in which chosen intermediate tensors are extra graph outputs.
/// Graph optimizations are off, so every tensor keeps its name and its float value; the model being compiled is not
/// touched. The copy is handed to ONNX Runtime as bytes, or through a temporary folder when it does not fit one
/// protobuf. Runs use a fixed number of threads, so the same machine calibrates to the same ranges every time.
/// </summary>
public sealed class CalibrationSession : IDisposable
{
    /// <summary>Intra-op threads of every calibration session.</summary>
    public const int IntraOpThreads = 2;

    private readonly InferenceSession session;
    private readonly string displayName;
    private readonly string? tempFolder;
    private readonly Dictionary<string, TensorElementType> types;
    private readonly HashSet<string> inputs;

    private CalibrationSession(InferenceSession session, string displayName, string? tempFolder)
    {
        this.session = session;
        this.displayName = displayName;
        this.tempFolder = tempFolder;
        types = new Dictionary<string, TensorElementType>(StringComparer.Ordinal);
        foreach (var (name, meta) in session.InputMetadata.Concat(session.OutputMetadata))
        {
            if (meta.IsTensor)
            {
                types[name] = meta.ElementDataType;
            }
        }

        inputs = new HashSet<string>(session.InputMetadata.Keys, StringComparer.Ordinal);
        InputNames = session.InputMetadata.Keys.ToArray();
    }

    /// <summary>The runtime inputs, in model order.</summary>
    public IReadOnlyList<string> InputNames { get; }

    /// <summary>
    /// Opens <paramref name="model"/> with <paramref name="tensors"/> (values produced by nodes, or runtime inputs)
    /// exposed. <paramref name="displayName"/> names the model in errors.
    /// </summary>
    /// <exception cref="SparseCompileException">SC1182 when ONNX Runtime cannot load the copy.</exception>
    public static CalibrationSession Open(OnnxModel model, IEnumerable<string> tensors, string displayName)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tensors);
        var copy = model.Proto.Clone();
        var graph = copy.Graph;
        var known = new HashSet<string>(graph.Output.Select(o => o.Name), StringComparer.Ordinal);
        known.UnionWith(graph.Input.Select(i => i.Name));
        known.UnionWith(graph.Initializer.Select(i => i.Name));
        foreach (string name in tensors)
        {
            if (known.Add(name))
            {
                // No type: ONNX Runtime takes the type its own inference gives the value.
                graph.Output.Add(new ValueInfoProto { Name = name });
            }
        }

        using var exposed = OnnxModel.FromProto(copy, model.Folder);
        string? folder = null;
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL,
            IntraOpNumThreads = IntraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        try
        {
            InferenceSession session;
            if (TryBytes(exposed) is { } bytes)
            {
                session = new InferenceSession(bytes, options);
            }
            else
            {
                folder = Directory.CreateTempSubdirectory("sparsecompile-calibration-").FullName;
                string path = Path.Combine(folder, "model.onnx");
                exposed.Save(path);
                session = new InferenceSession(path, options);
            }

            return new CalibrationSession(session, displayName, folder);
        }
        catch (OnnxRuntimeException e)
        {
            DeleteFolder(folder);
            throw new SparseCompileException(StaticQuantizationDiagnosticCodes.CalibrationRunFailed, displayName,
                $"ONNX Runtime could not load the model with its intermediate tensors exposed for calibration: {e.Message}", inner: e);
        }
        catch
        {
            DeleteFolder(folder);
            throw;
        }
    }

    /// <summary>True when <paramref name="name"/> is exposed (or a runtime input) and holds FLOAT values.</summary>
    public bool IsFloat(string name) => types.TryGetValue(name, out var type) && type == TensorElementType.Float;

    /// <summary>
    /// Runs the model on <paramref name="sample"/> and hands every tensor of <paramref name="wanted"/> (FLOAT tensors,
    /// see <see cref="IsFloat"/>) to <paramref name="observe"/>; the values are only valid during the call.
    /// </summary>
    /// <exception cref="SparseCompileException">SC1182 when the run fails, SC1175 when the sample lacks an input.</exception>
    public void Run(InputSample sample, IReadOnlyList<string> wanted, TensorValuesHandler observe)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(wanted);
        ArgumentNullException.ThrowIfNull(observe);
        var feeds = new List<OrtValue>(InputNames.Count);
        try
        {
            foreach (string name in InputNames)
            {
                var tensor = sample.Find(name) ?? throw new SparseCompileException(EvaluationDiagnosticCodes.MissingSampleInput, sample.Source,
                    $"the calibration sample has no tensor for input '{name}' of {displayName}", name);
                feeds.Add(SampleFeeds.ToOrtValue(tensor));
                if (tensor.ElementType == DataType.Float && wanted.Contains(name))
                {
                    observe(name, tensor.AsSpan<float>());
                }
            }

            string[] outputs = wanted.Where(w => !inputs.Contains(w)).ToArray();
            if (outputs.Length == 0)
            {
                return;
            }

            using var runOptions = new RunOptions();
            using var results = session.Run(runOptions, InputNames.ToArray(), feeds, outputs);
            for (int i = 0; i < outputs.Length; i++)
            {
                observe(outputs[i], results[i].GetTensorDataAsSpan<float>());
            }
        }
        catch (OnnxRuntimeException e)
        {
            throw new SparseCompileException(StaticQuantizationDiagnosticCodes.CalibrationRunFailed, displayName,
                $"ONNX Runtime could not run the model on calibration sample {sample.Source}: {e.Message}", inner: e);
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
    public void Dispose()
    {
        session.Dispose();
        DeleteFolder(tempFolder);
    }

    private static byte[]? TryBytes(OnnxModel model)
    {
        try
        {
            return model.ToByteArray();
        }
        catch (SparseCompileException e) when (e.Code == DiagnosticCodes.CannotEmbed)
        {
            return null; // over 2 GB: goes through a file with external data instead
        }
    }

    private static void DeleteFolder(string? folder)
    {
        if (folder is null)
        {
            return;
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temporary folder is harmless; the compile's result does not depend on it.
        }
    }
}
