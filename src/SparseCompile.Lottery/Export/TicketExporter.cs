using SparseCompile.Compiler.Masks;
using SparseCompile.Lottery.Training;
using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Protos;
using SparseCompile.Onnx.Tensors;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Lottery.Export;

/// <summary>
/// Writes a trained network as ONNX (opset 17) and its mask as .npz, the pair <c>sparsec compile model.onnx --mask
/// mask.npz</c> takes. Graph: input "x" [batch, inputs] float; per layer MatMul with the initializer
/// "fcN.weight" [inputs, outputs] (TorchSharp's [outputs, inputs] transposed), Add of "fcN.bias", Relu between layers;
/// output "logits" [batch, classes]. The mask's keys are the ONNX initializer names, its arrays [inputs, outputs].
/// </summary>
public static class TicketExporter
{
    /// <summary>The opset the model imports.</summary>
    public const int Opset = 17;

    /// <summary>The graph input's name.</summary>
    public const string InputName = "x";

    /// <summary>The graph output's name.</summary>
    public const string OutputName = "logits";

    /// <summary>Writes <c>model.onnx</c> and <c>mask.npz</c> into <paramref name="folder"/> (created if needed).</summary>
    /// <returns>The two paths.</returns>
    public static (string Model, string Mask) Export(NetworkWeights weights, NetworkMask mask, string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        Directory.CreateDirectory(folder);
        string model = Path.Combine(folder, "model.onnx");
        string maskPath = Path.Combine(folder, "mask.npz");
        WriteModel(weights, model);
        WriteMask(mask, maskPath);
        return (model, maskPath);
    }

    /// <summary>Exports a network's current weights and masks.</summary>
    public static (string Model, string Mask) Export(MaskedNetwork network, string folder)
    {
        ArgumentNullException.ThrowIfNull(network);
        return Export(network.GetWeights(), network.GetMask(), folder);
    }

    /// <summary>Writes the ONNX model for <paramref name="weights"/> to <paramref name="path"/>.</summary>
    public static void WriteModel(NetworkWeights weights, string path)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentException.ThrowIfNullOrEmpty(path);
        OnnxModel.FromProto(BuildModel(weights)).Save(path);
    }

    /// <summary>Writes <paramref name="mask"/> as .npz keyed by the ONNX weight names, in the ONNX layout [inputs, outputs].</summary>
    public static void WriteMask(NetworkMask mask, string path)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var tensors = mask.Layers.Select(l => new MaskTensor(WeightName(l.Name), [l.Inputs, l.Outputs], Transpose(l.Keep, l.Outputs, l.Inputs)));
        NpzWriter.Write(new MaskSet(null, tensors), path);
    }

    /// <summary>The ONNX initializer name of a layer's weight: "fc1.weight".</summary>
    public static string WeightName(string layer) => layer + ".weight";

    /// <summary>The ONNX model message.</summary>
    public static ModelProto BuildModel(NetworkWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var graph = new GraphProto { Name = "lottery_ticket" };
        graph.Input.Add(Value(InputName, weights.Layers[0].Inputs));
        string current = InputName;
        for (int i = 0; i < weights.Layers.Count; i++)
        {
            var layer = weights.Layers[i];
            bool last = i == weights.Layers.Count - 1;
            string weightName = WeightName(layer.Name);
            string biasName = layer.Name + ".bias";
            graph.Initializer.Add(TensorFactory.Create<float>(weightName, [layer.Inputs, layer.Outputs], Transpose(layer.Weight, layer.Outputs, layer.Inputs)));
            graph.Initializer.Add(TensorFactory.Create<float>(biasName, [layer.Outputs], layer.Bias));
            string product = Node(graph, "MatMul", layer.Name + "_matmul", [current, weightName], layer.Name + "_product");
            string sum = Node(graph, "Add", layer.Name + "_add", [product, biasName], last ? OutputName : layer.Name + "_sum");
            current = last ? sum : Node(graph, "Relu", layer.Name + "_relu", [sum], layer.Name + "_relu_out");
        }

        graph.Output.Add(Value(OutputName, weights.Layers[^1].Outputs));
        var model = new ModelProto { IrVersion = 8, ProducerName = "SparseCompile.Lottery", ProducerVersion = "1", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = Opset });
        return model;
    }

    /// <summary>Transposes a row-major [rows, columns] array to [columns, rows].</summary>
    internal static T[] Transpose<T>(T[] values, int rows, int columns)
    {
        var result = new T[values.Length];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                result[(c * rows) + r] = values[(r * columns) + c];
            }
        }

        return result;
    }

    private static string Node(GraphProto graph, string opType, string name, string[] inputs, string output)
    {
        var node = new NodeProto { OpType = opType, Name = name };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        graph.Node.Add(node);
        return output;
    }

    private static ValueInfoProto Value(string name, int features)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "batch" });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = features });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)DataType.Float, Shape = shape } },
        };
    }
}
