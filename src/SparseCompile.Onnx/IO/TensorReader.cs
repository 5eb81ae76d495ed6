using Google.Protobuf;
using SparseCompile.Onnx.Diagnostics;
using SparseCompile.Onnx.Protos;
using SparseCompile.Onnx.Tensors;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Onnx.IO;

/// <summary>
/// Checks a tensor's declared size against the bytes actually present, and decodes its values.
/// Checking never allocates in proportion to what the file declares.
/// </summary>
internal sealed class TensorReader(ExternalDataStore store, string? modelPath)
{
    // The most elements a tensor may declare: count * 128 bits + 7 still fits a long.
    private const long MaxElementCount = (long.MaxValue - 7) / 128;

    /// <summary>Where the tensor keeps its values, after checking that they match its dims and type.</summary>
    public TensorStorage Check(TensorProto tensor)
    {
        var (type, _, count) = Header(tensor);
        return CheckStorage(tensor, type, count);
    }

    /// <summary>The tensor's values; see <see cref="TensorData"/> for when they are copied.</summary>
    public TensorData Decode(TensorProto tensor)
    {
        var (type, dims, count) = Header(tensor);
        var storage = CheckStorage(tensor, type, count);
        long byteCount = ElementTypes.ByteCount(type, count);
        if (type == DataType.String)
        {
            var strings = tensor.StringData.Select(s => s.ToByteArray()).ToArray();
            return new TensorData(tensor.Name, type, dims, count, storage, ReadOnlyMemory<byte>.Empty, strings, modelPath);
        }

        ReadOnlyMemory<byte> bytes = storage switch
        {
            TensorStorage.External => store.Read(tensor, byteCount),
            TensorStorage.Raw => tensor.RawData.Memory,
            TensorStorage.Typed => TypedFieldCodec.ToBytes(tensor, type),
            _ => ReadOnlyMemory<byte>.Empty,
        };
        return new TensorData(tensor.Name, type, dims, count, storage, bytes, null, modelPath);
    }

    /// <summary>The tensor's values as a ByteString, for writing it inline (copies external and typed data).</summary>
    public ByteString ToRawByteString(TensorProto tensor)
    {
        var storage = Check(tensor);
        return storage == TensorStorage.Raw ? tensor.RawData : ByteString.CopyFrom(Decode(tensor).Bytes.Span);
    }

    /// <summary>Copies an external tensor's bytes to <paramref name="destination"/>, after the usual checks.</summary>
    public void CopyExternal(TensorProto tensor, long byteCount, Stream destination) => store.CopyTo(tensor, byteCount, destination);

    /// <summary>The bytes the tensor's values occupy once packed.</summary>
    public long ByteCount(TensorProto tensor)
    {
        var (type, _, count) = Header(tensor);
        return ElementTypes.ByteCount(type, count);
    }

    private (DataType Type, long[] Dims, long Count) Header(TensorProto tensor)
    {
        if (!ElementTypes.IsKnown(tensor.DataType))
        {
            throw new SparseCompileException(DiagnosticCodes.UnsupportedElementType, modelPath,
                $"tensor '{tensor.Name}' has element type {tensor.DataType}, which ONNX does not define", tensor.Name);
        }

        var type = (DataType)tensor.DataType;
        long count = 1;
        foreach (long d in tensor.Dims)
        {
            if (d < 0)
            {
                throw InvalidDims(tensor, "a negative dim");
            }

            // Guard the product so that no later size computation can overflow: the widest element
            // (COMPLEX128) is 128 bits, and ByteCount multiplies the count by the bits per element.
            if (d != 0 && count > MaxElementCount / d)
            {
                throw InvalidDims(tensor, "dims whose product overflows");
            }

            count *= d;
        }

        return (type, tensor.Dims.ToArray(), count);
    }

    private TensorStorage CheckStorage(TensorProto tensor, DataType type, long count)
    {
        long byteCount = ElementTypes.ByteCount(type, count);
        if (ExternalDataReference.IsExternal(tensor))
        {
            if (type == DataType.String)
            {
                throw Mismatch(tensor, "is a STRING tensor marked EXTERNAL; strings cannot be stored externally");
            }

            store.Validate(tensor, byteCount);
            return TensorStorage.External;
        }

        if (tensor.HasRawData)
        {
            if (type == DataType.String)
            {
                throw Mismatch(tensor, "is a STRING tensor with raw_data; strings must be in string_data");
            }

            if (tensor.RawData.Length != byteCount)
            {
                throw Mismatch(tensor, $"has {tensor.RawData.Length} bytes of raw_data but dims {FormatDims(tensor)} of {ElementTypes.Name(tensor.DataType)} need {byteCount}");
            }

            return TensorStorage.Raw;
        }

        long present = TypedFieldCodec.CountPresent(tensor, type);
        long expected = type == DataType.String ? count : ElementTypes.TypedFieldCount(type, count);
        if (present == expected && (present > 0 || count == 0))
        {
            return count == 0 ? TensorStorage.Empty : TensorStorage.Typed;
        }

        if (present == 0 && TypedFieldCodec.AnyPresent(tensor))
        {
            throw Mismatch(tensor, $"stores its values in a typed field that cannot hold {ElementTypes.Name(tensor.DataType)}");
        }

        throw Mismatch(tensor, present == 0
            ? $"has no data but dims {FormatDims(tensor)} declare {count} elements"
            : $"has {present} typed values but dims {FormatDims(tensor)} of {ElementTypes.Name(tensor.DataType)} need {expected}");
    }

    private static string FormatDims(TensorProto tensor) => "[" + string.Join(", ", tensor.Dims) + "]";

    private SparseCompileException Mismatch(TensorProto tensor, string what) =>
        new(DiagnosticCodes.TensorSizeMismatch, modelPath, $"tensor '{tensor.Name}' {what}", tensor.Name);

    private SparseCompileException InvalidDims(TensorProto tensor, string what) =>
        new(DiagnosticCodes.InvalidDims, modelPath, $"tensor '{tensor.Name}' has {what}: {FormatDims(tensor)}", tensor.Name);
}
