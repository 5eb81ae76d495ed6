using Google.Protobuf;
using SparseCompile.Onnx.Diagnostics;
using SparseCompile.Onnx.Graph;
using SparseCompile.Onnx.Protos;
using SparseCompile.Onnx.Tensors;

namespace SparseCompile.Onnx.IO;

/// <summary>
/// An ONNX model in memory: the protobuf message, the file it came from, and its external
/// data files (memory-mapped while the model is alive). Loading checks every tensor's declared
/// size against the bytes present, so a model that loads can be read without surprises.
/// </summary>
public sealed class OnnxModel : IDisposable
{
    private readonly ExternalDataStore store;
    private readonly TensorReader reader;
    private OnnxGraph? graph;
    private long spillThresholdBytes = long.MaxValue;

    private OnnxModel(ModelProto proto, string? filePath, string? folder)
    {
        Proto = proto;
        FilePath = filePath;
        store = new ExternalDataStore(folder, filePath);
        reader = new TensorReader(store, filePath);
    }

    /// <summary>The protobuf message; passes edit it in place.</summary>
    public ModelProto Proto { get; }

    /// <summary>The file the model was read from, or null for a stream or a model built in memory.</summary>
    public string? FilePath { get; }

    /// <summary>The folder external data locations are resolved against, or null when there is none.</summary>
    public string? Folder => store.Folder;

    /// <summary>Lookups over the main graph. Call <see cref="RefreshGraph"/> after editing the graph.</summary>
    public OnnxGraph Graph => graph ??= new OnnxGraph(Proto.Graph, FilePath);

    /// <summary>Reads and checks a model file; external data is resolved next to it.</summary>
    /// <exception cref="SparseCompileException">An SC1xxx code naming the file (and tensor) when the model is bad.</exception>
    public static OnnxModel Load(string path) => ModelReader.ReadFile(path, (proto, file, folder) => Wrap(proto, file, folder));

    /// <summary>Reads and checks a model from a stream.</summary>
    /// <param name="stream">The serialized model (at most 2 GB).</param>
    /// <param name="externalDataFolder">The folder external data locations are relative to; null when the model has none.</param>
    /// <param name="displayName">The name used in error messages.</param>
    public static OnnxModel Load(Stream stream, string? externalDataFolder = null, string? displayName = null) =>
        ModelReader.ReadStream(stream, displayName, proto => Wrap(proto, displayName, externalDataFolder));

    /// <summary>Wraps a message built in memory. External locations, if any, resolve against <paramref name="folder"/>.</summary>
    public static OnnxModel FromProto(ModelProto proto, string? folder = null)
    {
        ArgumentNullException.ThrowIfNull(proto);
        return Wrap(proto, null, folder);
    }

    /// <summary>The version of the operator set imported for <paramref name="domain"/> ("" or "ai.onnx" is the default domain), or null.</summary>
    public long? OpsetVersion(string domain = "")
    {
        string wanted = NormalizeDomain(domain);
        var import = Proto.OpsetImport.FirstOrDefault(o => NormalizeDomain(o.Domain) == wanted);
        return import?.Version;
    }

    /// <summary>The values of a tensor of this model, decoded from whichever encoding holds them.</summary>
    public TensorData ReadTensor(TensorProto tensor) => reader.Decode(tensor);

    /// <summary>The values of the main graph's initializer <paramref name="name"/>.</summary>
    public TensorData ReadInitializer(string name) =>
        reader.Decode(Graph.FindInitializer(name)
            ?? throw new SparseCompileException(DiagnosticCodes.UnknownName, FilePath, $"no initializer named '{name}'", name));

    /// <summary>Where a tensor keeps its values, after checking them against its dims.</summary>
    public TensorStorage StorageOf(TensorProto tensor) => reader.Check(tensor);

    /// <summary>The bytes a tensor's values occupy once packed (what raw_data would hold).</summary>
    public long ByteCountOf(TensorProto tensor) => reader.ByteCount(tensor);

    /// <summary>The size from which <see cref="SpillLargeTensorsTo"/> keeps a rewritten tensor on disk by default: 16 MiB.</summary>
    public const long DefaultSpillThresholdBytes = 16L << 20;

    /// <summary>
    /// From now on, tensors of at least <paramref name="thresholdBytes"/> given values through <see cref="SetData"/> or
    /// <see cref="CreateTensor{T}"/> keep them in a scratch file in <paramref name="folder"/> instead of in memory, so
    /// a model larger than memory can be rewritten tensor by tensor. The file is made on first use and never outlives
    /// the model (or the process); saving copies the values to their final place.
    /// </summary>
    public void SpillLargeTensorsTo(string folder, long thresholdBytes = DefaultSpillThresholdBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(thresholdBytes);
        store.Spill ??= new SpillFile(Path.GetFullPath(folder));
        spillThresholdBytes = thresholdBytes;
    }

    /// <summary>
    /// Replaces the values of <paramref name="tensor"/> (an initializer or attribute tensor of this model) with
    /// <paramref name="littleEndianBytes"/>, dropping whichever encoding held the old ones: raw_data, or the spill
    /// file for a large tensor once <see cref="SpillLargeTensorsTo"/> was called.
    /// </summary>
    /// <exception cref="ArgumentException">The byte count does not match the tensor's dims and element type.</exception>
    public void SetData(TensorProto tensor, ReadOnlySpan<byte> littleEndianBytes)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        long expected = reader.ByteCount(tensor);
        if (tensor.DataType == (int)TensorProto.Types.DataType.String || expected != littleEndianBytes.Length)
        {
            throw new ArgumentException(
                $"{ElementTypes.Name(tensor.DataType)} tensor '{tensor.Name}' needs {expected} bytes, got {littleEndianBytes.Length}.", nameof(littleEndianBytes));
        }

        tensor.FloatData.Clear();
        tensor.DoubleData.Clear();
        tensor.Int32Data.Clear();
        tensor.Int64Data.Clear();
        tensor.Uint64Data.Clear();
        tensor.ExternalData.Clear();
        tensor.ClearDataLocation();
        tensor.ClearRawData();
        if (store.Spill is not null && littleEndianBytes.Length >= spillThresholdBytes)
        {
            store.SpillInto(tensor, littleEndianBytes);
        }
        else
        {
            tensor.RawData = ByteString.CopyFrom(littleEndianBytes);
        }
    }

    /// <summary>A new tensor holding <paramref name="values"/>, stored as <see cref="SetData"/> stores them (not yet added to the graph).</summary>
    public TensorProto CreateTensor<T>(string name, IReadOnlyList<long> dims, ReadOnlySpan<T> values) where T : unmanaged
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorFactory.ElementTypeOf<T>() };
        tensor.Dims.AddRange(dims);
        SetData(tensor, System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));
        return tensor;
    }

    /// <summary>Writes the model to a file. External data goes next to it, per <paramref name="options"/>.</summary>
    public void Save(string path, OnnxSaveOptions? options = null) =>
        new ModelWriter(Proto, reader, FilePath).Save(path, options ?? new OnnxSaveOptions());

    /// <summary>Writes the model to a stream as one protobuf message (external tensors are embedded).</summary>
    /// <exception cref="SparseCompileException">SC1031 when the model does not fit one protobuf (2 GB).</exception>
    public void Save(Stream stream) => new ModelWriter(Proto, reader, FilePath).Save(stream);

    /// <summary>The model as bytes (one protobuf message).</summary>
    public byte[] ToByteArray()
    {
        using var buffer = new MemoryStream();
        Save(buffer);
        return buffer.ToArray();
    }

    /// <summary>Drops cached graph lookups after the graph was edited.</summary>
    public void RefreshGraph() => graph = null;

    /// <summary>Unmaps the external data files; tensor data read from them is no longer valid.</summary>
    public void Dispose() => store.Dispose();

    private static OnnxModel Wrap(ModelProto proto, string? filePath, string? folder)
    {
        var model = new OnnxModel(proto, filePath, folder);
        try
        {
            model.CheckNames();
            model.CheckTensors();
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    // ONNX graphs are in single static assignment form: every initializer and node output defines a name once, and
    // no node output redefines a graph input. A duplicate would leave which tensor a reader gets to the loader's whim.
    private void CheckNames()
    {
        var graph = Proto.Graph;
        var initializers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tensor in graph.Initializer)
        {
            if (!initializers.Add(tensor.Name))
            {
                throw Duplicate(tensor.Name, $"two initializers are named '{tensor.Name}'");
            }
        }

        var defined = new HashSet<string>(graph.Input.Select(i => i.Name).Concat(initializers), StringComparer.Ordinal);
        foreach (var node in graph.Node)
        {
            foreach (string output in node.Output.Where(o => o.Length > 0))
            {
                if (!defined.Add(output))
                {
                    string what = initializers.Contains(output) ? "an initializer" : graph.Input.Any(i => i.Name == output) ? "a graph input" : "another node";
                    throw Duplicate(output, $"node '{(node.Name.Length > 0 ? node.Name : node.OpType)}' outputs '{output}', which {what} already defines");
                }
            }
        }
    }

    private SparseCompileException Duplicate(string name, string message) =>
        new(DiagnosticCodes.DuplicateName, FilePath, message + "; tensor names must be unique", name);

    private void CheckTensors()
    {
        foreach (var slot in TensorWalker.All(Proto))
        {
            reader.Check(slot.Tensor);
        }
    }

    private static string NormalizeDomain(string domain) => domain == "ai.onnx" ? string.Empty : domain;
}
