using SparseCompile.Onnx.Diagnostics;
using SparseCompile.Onnx.Protos;

namespace SparseCompile.Onnx.IO;

/// <summary>
/// The external data files of one loaded model, each mapped once and shared by every
/// tensor that points into it, and the spill file of tensors rewritten since (see <see cref="SpillFile"/>).
/// Every range is checked against the file before it is viewed. Pages read through the mappings are dropped
/// from the resident set every <see cref="MappedFile.TrimEveryBytes"/> bytes, so reading a model tensor by tensor
/// keeps memory bounded whatever its size.
/// </summary>
internal sealed class ExternalDataStore(string? folder, string? modelPath) : IDisposable
{
    private readonly Dictionary<string, MappedFile> files = new(StringComparer.Ordinal);
    private readonly object gate = new();
    private long readSinceTrim;

    /// <summary>The folder external locations are resolved against, or null for a stream without one.</summary>
    public string? Folder { get; } = folder;

    /// <summary>Where rewritten large tensors are kept, or null while they stay in memory.</summary>
    public SpillFile? Spill { get; set; }

    /// <summary>The bytes of an external tensor, exactly <paramref name="expectedBytes"/> long.</summary>
    public ReadOnlyMemory<byte> Read(TensorProto tensor, long expectedBytes)
    {
        var (file, offset) = Locate(tensor, expectedBytes);
        if (expectedBytes > int.MaxValue)
        {
            throw new SparseCompileException(DiagnosticCodes.TensorTooLargeForSpan, modelPath,
                $"tensor '{tensor.Name}' holds {expectedBytes} bytes, more than one view can cover (2 GB)", tensor.Name);
        }

        if (file is null)
        {
            return Spill!.Read(offset, (int)expectedBytes);
        }

        TrimWhenDue(expectedBytes);
        return file.Slice(offset, (int)expectedBytes);
    }

    /// <summary>Checks that an external tensor's file exists inside the model folder and holds its range.</summary>
    public void Validate(TensorProto tensor, long expectedBytes) => Locate(tensor, expectedBytes);

    /// <summary>Points <paramref name="tensor"/> at a copy of <paramref name="bytes"/> in the spill file.</summary>
    public void SpillInto(TensorProto tensor, ReadOnlySpan<byte> bytes)
    {
        long offset = Spill!.Append(bytes);
        tensor.DataLocation = TensorProto.Types.DataLocation.External;
        tensor.ExternalData.Add(new StringStringEntryProto { Key = ExternalDataReference.LocationKey, Value = SpillFile.Location });
        tensor.ExternalData.Add(new StringStringEntryProto { Key = ExternalDataReference.OffsetKey, Value = offset.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        tensor.ExternalData.Add(new StringStringEntryProto { Key = ExternalDataReference.LengthKey, Value = bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    /// <summary>
    /// Copies an external tensor's bytes to <paramref name="destination"/> in pieces (any size), from the
    /// mapping made when the model was loaded: the bytes this model describes even if the file at that
    /// path was replaced since (an in-place save with another layout).
    /// </summary>
    public void CopyTo(TensorProto tensor, long expectedBytes, Stream destination)
    {
        var (file, offset) = Locate(tensor, expectedBytes);
        if (file is null)
        {
            Spill!.CopyTo(offset, expectedBytes, destination);
            return;
        }

        file.CopyTo(offset, expectedBytes, destination);
    }

    private void TrimWhenDue(long bytes)
    {
        lock (gate)
        {
            readSinceTrim += bytes;
            if (readSinceTrim < MappedFile.TrimEveryBytes)
            {
                return;
            }

            readSinceTrim = 0;
            foreach (var file in files.Values)
            {
                file.Trim();
            }
        }
    }

    // Where an external tensor's bytes are: a checked range of a mapped file, or (File null) of the spill file. Only
    // tensors this process spilled can name the spill location: loading refuses it (no file path holds a NUL).
    private (MappedFile? File, long Offset) Locate(TensorProto tensor, long expectedBytes)
    {
        var reference = ExternalDataReference.Parse(tensor, modelPath);
        if (Spill is not null && reference.Location == SpillFile.Location)
        {
            if (reference.Length != expectedBytes || !Spill.Holds(reference.Offset, expectedBytes))
            {
                throw new SparseCompileException(DiagnosticCodes.TensorSizeMismatch, modelPath,
                    $"tensor '{tensor.Name}' was rewritten with {reference.Length} bytes but its dims and type need {expectedBytes}", tensor.Name);
            }

            return (null, reference.Offset);
        }

        if (Folder is null)
        {
            throw new SparseCompileException(DiagnosticCodes.ExternalDataWithoutFolder, modelPath,
                $"tensor '{tensor.Name}' keeps its data in '{reference.Location}', but the model was read from a stream without a folder to resolve it", tensor.Name);
        }

        if (reference.Length is long declared && declared != expectedBytes)
        {
            throw new SparseCompileException(DiagnosticCodes.TensorSizeMismatch, modelPath,
                $"tensor '{tensor.Name}' declares external length {declared} but its dims and type need {expectedBytes} bytes", tensor.Name);
        }

        string realPath = ModelFolderPaths.Resolve(Folder, reference.Location, tensor.Name, modelPath);
        MappedFile file = Open(realPath, tensor.Name);
        long end = reference.Offset + expectedBytes; // both are at most long.MaxValue / 2 in practice; checked below
        if (reference.Offset > file.Length || end < reference.Offset || end > file.Length)
        {
            throw new SparseCompileException(DiagnosticCodes.ExternalRangeOutsideFile, modelPath,
                $"tensor '{tensor.Name}' reads bytes {reference.Offset}..{reference.Offset + expectedBytes} of '{reference.Location}', which has only {file.Length}", tensor.Name);
        }

        return (file, reference.Offset);
    }

    private MappedFile Open(string realPath, string tensorName)
    {
        lock (gate)
        {
            if (!files.TryGetValue(realPath, out var file))
            {
                try
                {
                    file = new MappedFile(realPath);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new SparseCompileException(DiagnosticCodes.ReadFailed, modelPath,
                        $"external data file '{realPath}' of tensor '{tensorName}' could not be read: {e.Message}", tensorName, e);
                }

                files.Add(realPath, file);
            }

            return file;
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            foreach (var file in files.Values)
            {
                file.Dispose();
            }

            files.Clear();
            Spill?.Dispose();
            Spill = null;
        }
    }
}
