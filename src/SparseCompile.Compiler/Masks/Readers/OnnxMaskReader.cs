using SparseCompile.Compiler.Masks.Decoding;
using SparseCompile.Onnx.IO;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Masks.Readers;

/// <summary>
/// Reads an .onnx file whose main-graph initializers are masks, in any encoding the model layer
/// reads (raw, typed fields, external data). Model-level problems keep the model layer's SC10xx codes.
/// </summary>
internal static class OnnxMaskReader
{
    public static MaskSet Read(string path)
    {
        using var model = OnnxModel.Load(path);
        var masks = new List<MaskTensor>(model.Proto.Graph.Initializer.Count);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tensor in model.Proto.Graph.Initializer)
        {
            string key = tensor.Name;
            MaskErrors.RequireKey(path, key, "an initializer without a name");
            if (!keys.Add(key))
            {
                throw MaskErrors.DuplicateKey(path, key);
            }

            var rule = OnnxKeepRules.For((DataType)tensor.DataType, path, key);
            long[] shape = tensor.Dims.ToArray();
            int count = MaskShape.ArrayLength(MaskShape.ElementCount(shape, path, key), path, key);

            // Loading checked the bytes against the dims; the values must stay mapped until decoded.
            var data = model.ReadTensor(tensor);
            var keep = new bool[count];
            rule.Apply(data.Bytes.Span, keep);
            masks.Add(new MaskTensor(key, shape, keep));
        }

        return new MaskSet(path, masks);
    }
}
