using Google.Protobuf;
using SparseCompile.Onnx.Diagnostics;
using SparseCompile.Onnx.Protos;

namespace SparseCompile.Onnx.IO;

/// <summary>
/// Turns a file or stream into a <see cref="ModelProto"/>, with one error code for each way
/// that can fail. Files are parsed straight from a read-only memory map; the parser checks
/// every declared length against the bytes that remain before it allocates for it.
/// </summary>
internal static class ModelReader
{
    public static OnnxModel ReadFile(string path, Func<ModelProto, string, string, OnnxModel> wrap)
    {
        string fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            string what = Directory.Exists(fullPath) ? "is a folder, not a model file" : "does not exist";
            throw new SparseCompileException(DiagnosticCodes.FileNotFound, path, $"the model file {what}");
        }

        MappedFile mapped;
        try
        {
            mapped = new MappedFile(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SparseCompileException(DiagnosticCodes.ReadFailed, path, $"the model file could not be read: {e.Message}", inner: e);
        }

        using (mapped)
        {
            CheckLength(mapped.Length, path);
            var proto = Parse(mapped.Slice(0, (int)mapped.Length).Span, path);
            return wrap(proto, path, Path.GetDirectoryName(fullPath)!);
        }
    }

    public static OnnxModel ReadStream(Stream stream, string? displayName, Func<ModelProto, OnnxModel> wrap)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > OnnxSaveOptions.ProtobufLimitBytes)
            {
                CheckLength(buffer.Length + read, displayName);
            }

            buffer.Write(chunk, 0, read);
        }

        CheckLength(buffer.Length, displayName);
        return wrap(Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), displayName));
    }

    private static void CheckLength(long length, string? path)
    {
        if (length == 0)
        {
            throw new SparseCompileException(DiagnosticCodes.EmptyFile, path, "the model file is empty");
        }

        if (length > OnnxSaveOptions.ProtobufLimitBytes)
        {
            throw new SparseCompileException(DiagnosticCodes.ModelFileTooLarge, path,
                $"the model file is {length} bytes; a protobuf message cannot exceed 2 GB, so weights of large models must be in external data");
        }
    }

    private static ModelProto Parse(ReadOnlySpan<byte> bytes, string? path)
    {
        ModelProto proto;
        try
        {
            proto = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new SparseCompileException(DiagnosticCodes.CorruptProtobuf, path,
                $"the file is not a readable ONNX protobuf (corrupt or truncated): {e.Message}", inner: e);
        }

        if (proto.IrVersion <= 0 || proto.Graph is null)
        {
            string missing = proto.Graph is null ? "no graph" : "no IR version";
            throw new SparseCompileException(DiagnosticCodes.NotAModel, path, $"the protobuf parsed but is not an ONNX model: it has {missing}");
        }

        return proto;
    }
}
