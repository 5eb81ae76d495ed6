using SparseCompile.Onnx.Diagnostics;
using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Protos;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Data;

/// <summary>
/// Decodes serialized TensorProto files with the model layer's checks (declared dims against the bytes present,
/// every encoding, external data confined to the file's folder): each tensor is read through an empty model
/// whose folder is the sample folder.
/// </summary>
internal static class PbTensorDecoder
{
    /// <summary>The largest .pb file read (a protobuf message cannot be larger).</summary>
    public const long MaxFileBytes = int.MaxValue;

    /// <summary>Reads and decodes one input_K.pb; SC1171–SC1173 naming <paramref name="path"/>.</summary>
    public static SampleTensor Read(string path)
    {
        byte[] bytes;
        try
        {
            long length = new FileInfo(path).Length;
            if (length > MaxFileBytes)
            {
                throw SampleErrors.TooLarge(path, null, length, MaxFileBytes);
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw SampleErrors.ReadFailed(path, e);
        }

        TensorProto tensor;
        try
        {
            tensor = TensorProto.Parser.ParseFrom(bytes);
        }
        catch (Google.Protobuf.InvalidProtocolBufferException e)
        {
            throw SampleErrors.Malformed(path, null, $"the file is not a serialized TensorProto: {e.Message}");
        }

        return Decode(tensor, path);
    }

    private static SampleTensor Decode(TensorProto tensor, string path)
    {
        string name = tensor.Name;
        if (tensor.DataType == (int)DataType.String)
        {
            throw SampleErrors.TypeMismatch(path, name, "holds STRING values; only numeric and bool tensors can be fed");
        }

        var empty = new ModelProto { IrVersion = 8, Graph = new GraphProto { Name = "samples" } };
        using var holder = OnnxModel.FromProto(empty, Path.GetDirectoryName(Path.GetFullPath(path)));
        try
        {
            var data = holder.ReadTensor(tensor);
            if (!ElementConversion.IsSupported(data.ElementType))
            {
                throw SampleErrors.TypeMismatch(path, name, $"holds {SampleConformance.TypeName(data.ElementType)}, which no sample reader converts");
            }

            // Copy: external data is memory-mapped only while the holder lives.
            return new SampleTensor(name, data.ElementType, data.Dims, data.Bytes.ToArray());
        }
        catch (SparseCompileException e) when (e.Code is not (Diagnostics.EvaluationDiagnosticCodes.SampleTypeMismatch))
        {
            string code = e.Code switch
            {
                DiagnosticCodes.TensorSizeMismatch or DiagnosticCodes.InvalidDims => Diagnostics.EvaluationDiagnosticCodes.SampleSizeMismatch,
                DiagnosticCodes.UnsupportedElementType => Diagnostics.EvaluationDiagnosticCodes.SampleTypeMismatch,
                _ => Diagnostics.EvaluationDiagnosticCodes.MalformedSample,
            };
            throw new SparseCompileException(code, path, e.Message, name.Length > 0 ? name : null, e);
        }
    }
}
