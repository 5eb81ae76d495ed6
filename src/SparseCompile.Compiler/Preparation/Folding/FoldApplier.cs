using System.Runtime.InteropServices;
using SparseCompile.Onnx.Protos;
using SparseCompile.Onnx.Tensors;

namespace SparseCompile.Compiler.Preparation.Folding;

/// <summary>
/// Carries out one fold: scales the weight's output channels (keeping its initializer and name), moves the shift
/// into the bias (creating one where there was none), and takes the BatchNormalization out of the graph.
/// </summary>
internal static class FoldApplier
{
    /// <summary>Applies <paramref name="fold"/> to the model of <paramref name="view"/>.</summary>
    public static BatchNormFold Apply(FoldView view, FoldCandidate fold, UniqueNames names)
    {
        var graph = view.Model.Proto.Graph;
        var (batchNorm, target, affine) = (fold.BatchNorm, fold.Target, fold.Affine);
        string batchNormLabel = NodeAttributes.Label(batchNorm);
        string targetLabel = NodeAttributes.Label(target);

        var weight = view.Model.ReadTensor(fold.Weight);
        view.Model.SetData(fold.Weight, MemoryMarshal.AsBytes(ChannelScaling.Scale(weight.AsSpan<float>(), fold.Weight.Dims, fold.ChannelAxis, affine.Scale).AsSpan()));

        string bias;
        bool created = fold.Bias is null;
        if (target.OpType == "MatMul")
        {
            bias = AddBias(graph, names.BiasFor(fold.Weight.Name), affine.Shift);
            ReplaceWithAdd(graph, batchNorm, bias);
            return new BatchNormFold(batchNormLabel, targetLabel, target.OpType, fold.Weight.Name, bias, true, affine.Channels);
        }

        if (fold.Bias is null)
        {
            bias = AddBias(graph, names.BiasFor(fold.Weight.Name), affine.Shift);
            SetBiasInput(target, bias);
        }
        else
        {
            bias = fold.Bias.Name;
            UpdateBias(view, target, fold.Bias, affine);
        }

        if (target.OpType == "Gemm")
        {
            NodeAttributes.Remove(target, "beta"); // beta is folded into the new C, so it is 1 from here on
        }

        Bypass(graph, target, batchNorm);
        return new BatchNormFold(batchNormLabel, targetLabel, target.OpType, fold.Weight.Name, bias, created, affine.Channels);
    }

    /// <summary>b' = (β_gemm·b)·scale + shift per channel; a single-valued Gemm C grows to one value per channel.</summary>
    private static void UpdateBias(FoldView view, NodeProto target, TensorProto bias, BatchNormAffine affine)
    {
        float[] old = view.Model.ReadTensor(bias).ToSingleArray();
        double beta = target.OpType == "Gemm" ? NodeAttributes.Float(target, "beta", 1f) : 1.0;
        var values = new float[affine.Channels];
        for (int c = 0; c < values.Length; c++)
        {
            double before = beta * old[old.Length == 1 ? 0 : c];
            values[c] = (float)((before * affine.Scale[c]) + affine.Shift[c]);
        }

        if (old.Length == values.Length)
        {
            view.Model.SetData(bias, MemoryMarshal.AsBytes(values.AsSpan()));
            return;
        }

        var graph = view.Model.Proto.Graph;
        int index = graph.Initializer.IndexOf(bias);
        var grown = TensorFactory.Create<float>(bias.Name, [values.Length], values);
        grown.DocString = bias.DocString;
        graph.Initializer[index] = grown;
    }

    private static string AddBias(GraphProto graph, string name, double[] shift)
    {
        graph.Initializer.Add(TensorFactory.Create<float>(name, [shift.Length], shift.Select(s => (float)s).ToArray()));
        return name;
    }

    private static void SetBiasInput(NodeProto target, string bias)
    {
        if (target.Input.Count > 2)
        {
            target.Input[2] = bias; // an omitted optional input ("")
        }
        else
        {
            target.Input.Add(bias);
        }
    }

    /// <summary>The target now writes the BatchNormalization's output, which takes it out of the graph.</summary>
    private static void Bypass(GraphProto graph, NodeProto target, NodeProto batchNorm)
    {
        string intermediate = target.Output[0];
        target.Output[0] = batchNorm.Output[0];
        graph.Node.Remove(batchNorm);
        for (int i = graph.ValueInfo.Count - 1; i >= 0; i--)
        {
            if (graph.ValueInfo[i].Name == intermediate)
            {
                graph.ValueInfo.RemoveAt(i);
            }
        }
    }

    /// <summary>A MatMul has no bias: the BatchNormalization becomes an Add of the shift, under the same node name.</summary>
    private static void ReplaceWithAdd(GraphProto graph, NodeProto batchNorm, string bias)
    {
        var add = new NodeProto { OpType = "Add", Name = batchNorm.Name, DocString = batchNorm.DocString };
        add.Input.Add(batchNorm.Input[0]);
        add.Input.Add(bias);
        add.Output.Add(batchNorm.Output[0]);
        graph.Node[graph.Node.IndexOf(batchNorm)] = add;
    }
}
