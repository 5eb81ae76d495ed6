using System.Globalization;
using Google.Protobuf;
using SparseCompile.Onnx.Diagnostics;
using SparseCompile.Onnx.Protos;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Onnx.IO;

/// <summary>
/// Writes a model to a file (with or without external data) or a stream. The in-memory
/// model is left exactly as it was. Files are written under temporary names and renamed
/// into place only when complete, so a failed save never leaves a partial model behind.
/// </summary>
internal sealed class ModelWriter(ModelProto proto, TensorReader reader, string? sourcePath)
{
    /// <summary>Writes the model to <paramref name="path"/>.</summary>
    public void Save(string path, OnnxSaveOptions options)
    {
        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath)!;
        string dataName = options.ExternalDataFileName ?? Path.GetFileName(fullPath) + ".data";
        if (dataName.IndexOfAny(['/', '\\']) >= 0 || dataName is "." or "..")
        {
            throw new ArgumentException($"External data file name '{dataName}' must be a plain file name.", nameof(options));
        }

        if (string.Equals(dataName, Path.GetFileName(fullPath), StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"External data file name '{dataName}' is the model file's own name.", nameof(options));
        }

        string dataPath = Path.Combine(folder, dataName);
        string suffix = ".tmp-" + Guid.NewGuid().ToString("N");
        string modelTemp = fullPath + suffix;
        string dataTemp = dataPath + suffix;
        string dataBackup = dataPath + suffix + ".old";
        var slots = TensorWalker.All(proto);
        var external = ChooseExternal(slots, options);
        var undo = new List<(TensorSlot Slot, TensorProto Original)>();
        bool committed = false;
        bool dataBackedUp = false;
        bool dataMoved = false;
        try
        {
            // Fail before writing anything when the result cannot be written or cannot fit.
            EnsureEmbeddedFits(slots, external, fullPath);
            if (Directory.Exists(fullPath) || (external.Count > 0 && Directory.Exists(dataPath)))
            {
                throw new IOException($"'{(Directory.Exists(fullPath) ? fullPath : dataPath)}' is a folder");
            }

            Directory.CreateDirectory(folder);
            if (external.Count > 0)
            {
                WriteExternalData(external, dataTemp, dataName, options, undo);
            }

            InlineRemaining(slots, external, undo);
            EnsureFitsOneMessage(fullPath);
            using (var stream = new FileStream(modelTemp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                proto.WriteTo(stream);
                stream.Flush(flushToDisk: true);
            }

            if (external.Count > 0)
            {
                // Keep the previous data file until the model is in place, to put it back if that fails.
                if (File.Exists(dataPath))
                {
                    File.Move(dataPath, dataBackup);
                    dataBackedUp = true;
                }

                File.Move(dataTemp, dataPath);
                dataMoved = true;
            }

            File.Move(modelTemp, fullPath, overwrite: true);
            committed = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SparseCompileException(DiagnosticCodes.WriteFailed, fullPath, $"could not write the model: {e.Message}", inner: e);
        }
        finally
        {
            Restore(undo);
            if (!committed && dataMoved)
            {
                TryDelete(dataPath);
            }

            if (dataBackedUp)
            {
                if (committed)
                {
                    TryDelete(dataBackup);
                }
                else
                {
                    TryMove(dataBackup, dataPath);
                }
            }

            TryDelete(modelTemp);
            TryDelete(dataTemp);
        }
    }

    /// <summary>Writes the model as one protobuf message; external tensors are brought inline.</summary>
    public void Save(Stream stream)
    {
        var slots = TensorWalker.All(proto);
        var undo = new List<(TensorSlot Slot, TensorProto Original)>();
        try
        {
            var none = new HashSet<TensorProto>(ReferenceEqualityComparer.Instance);
            EnsureEmbeddedFits(slots, none, sourcePath);
            InlineRemaining(slots, none, undo);
            EnsureFitsOneMessage(sourcePath);
            proto.WriteTo(stream);
        }
        finally
        {
            Restore(undo);
        }
    }

    private HashSet<TensorProto> ChooseExternal(IReadOnlyList<TensorSlot> slots, OnnxSaveOptions options)
    {
        var chosen = new HashSet<TensorProto>(ReferenceEqualityComparer.Instance);
        if (options.ExternalData == ExternalDataMode.Never)
        {
            return chosen;
        }

        long total = slots.Sum(s => reader.ByteCount(s.Tensor));
        if (options.ExternalData == ExternalDataMode.Auto && total <= options.MaxEmbeddedTensorBytes)
        {
            return chosen;
        }

        foreach (var slot in slots)
        {
            if (slot.Tensor.DataType != (int)DataType.String && reader.ByteCount(slot.Tensor) >= options.ExternalizeThresholdBytes)
            {
                chosen.Add(slot.Tensor);
            }
        }

        return chosen;
    }

    private void WriteExternalData(HashSet<TensorProto> external, string dataTemp, string dataName,
        OnnxSaveOptions options, List<(TensorSlot, TensorProto)> undo)
    {
        using var data = new FileStream(dataTemp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        foreach (var slot in TensorWalker.All(proto))
        {
            if (!external.Contains(slot.Tensor))
            {
                continue;
            }

            long length = reader.ByteCount(slot.Tensor);
            int alignment = length >= options.LargeTensorBytes ? options.LargeTensorAlignment : options.Alignment;
            long offset = AlignUp(data.Position, alignment);
            data.Write(new byte[offset - data.Position]);
            CopyTensorBytes(slot.Tensor, data, length);

            var replacement = WithoutData(slot.Tensor);
            replacement.DataLocation = TensorProto.Types.DataLocation.External;
            replacement.ExternalData.Add(Entry(ExternalDataReference.LocationKey, dataName));
            replacement.ExternalData.Add(Entry(ExternalDataReference.OffsetKey, offset.ToString(CultureInfo.InvariantCulture)));
            replacement.ExternalData.Add(Entry(ExternalDataReference.LengthKey, length.ToString(CultureInfo.InvariantCulture)));
            slot.Replace(replacement);
            undo.Add((slot, slot.Tensor));
        }

        data.Flush(flushToDisk: true);
    }

    // Tensors that stay embedded but live in an external file of the source model are read in.
    private void InlineRemaining(IReadOnlyList<TensorSlot> slots, HashSet<TensorProto> external, List<(TensorSlot, TensorProto)> undo)
    {
        var replaced = new HashSet<TensorProto>(undo.Select(u => u.Item2), ReferenceEqualityComparer.Instance);
        foreach (var slot in slots)
        {
            if (external.Contains(slot.Tensor) || replaced.Contains(slot.Tensor) || !ExternalDataReference.IsExternal(slot.Tensor))
            {
                continue;
            }

            var replacement = WithoutData(slot.Tensor);
            replacement.RawData = reader.ToRawByteString(slot.Tensor);
            slot.Replace(replacement);
            undo.Add((slot, slot.Tensor));
        }
    }

    // Checked before anything is read in or written: the tensors that would stay embedded, at their packed size.
    private void EnsureEmbeddedFits(IReadOnlyList<TensorSlot> slots, HashSet<TensorProto> external, string? path)
    {
        long embedded = slots.Where(s => !external.Contains(s.Tensor)).Sum(s => reader.ByteCount(s.Tensor));
        if (embedded >= OnnxSaveOptions.ProtobufLimitBytes)
        {
            throw CannotEmbed(embedded, path);
        }
    }

    private void EnsureFitsOneMessage(string? path)
    {
        // CalculateSize works in int and would overflow on an oversized model, so bound it first.
        long embedded = TensorWalker.All(proto).Where(s => !ExternalDataReference.IsExternal(s.Tensor)).Sum(s => reader.ByteCount(s.Tensor));
        if (embedded >= OnnxSaveOptions.ProtobufLimitBytes || proto.CalculateSize() < 0)
        {
            throw CannotEmbed(embedded, path);
        }
    }

    private static SparseCompileException CannotEmbed(long embedded, string? path) =>
        new(DiagnosticCodes.CannotEmbed, path,
            $"the model holds {embedded} bytes of embedded tensor data, more than one protobuf can carry (2 GB); save it to a file with external data");

    private void CopyTensorBytes(TensorProto tensor, Stream destination, long length)
    {
        if (!ExternalDataReference.IsExternal(tensor))
        {
            destination.Write(reader.Decode(tensor).Bytes.Span);
            return;
        }

        // Copy from the source's mapping in pieces so tensors over 2 GB and huge models stream through.
        reader.CopyExternal(tensor, length, destination);
    }

    /// <summary>A copy of the tensor's header (name, type, dims, doc, metadata, unknown fields) without its values.</summary>
    private static TensorProto WithoutData(TensorProto tensor)
    {
        ByteString? raw = tensor.HasRawData ? tensor.RawData : null;
        tensor.ClearRawData();
        TensorProto copy;
        try
        {
            copy = tensor.Clone();
        }
        finally
        {
            if (raw is not null)
            {
                tensor.RawData = raw;
            }
        }

        copy.FloatData.Clear();
        copy.Int32Data.Clear();
        copy.Int64Data.Clear();
        copy.DoubleData.Clear();
        copy.Uint64Data.Clear();
        copy.ExternalData.Clear();
        copy.ClearDataLocation();
        return copy;
    }

    private static void Restore(List<(TensorSlot Slot, TensorProto Original)> undo)
    {
        for (int i = undo.Count - 1; i >= 0; i--)
        {
            undo[i].Slot.Replace(undo[i].Original);
        }
    }

    private static StringStringEntryProto Entry(string key, string value) => new() { Key = key, Value = value };

    private static long AlignUp(long value, int alignment) => (value + alignment - 1) / alignment * alignment;

    private static void TryMove(string from, string to)
    {
        try
        {
            File.Move(from, to, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // best effort: the previous data file stays under its backup name
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // best effort: the temporary name is unique and never read
        }
    }
}
