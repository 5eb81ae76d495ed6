using SparseCompile.Onnx.Protos;

namespace SparseCompile.Onnx.IO;

/// <summary>
/// Finds every tensor a model holds: initializers and sparse initializers of the main graph,
/// of nested graphs (If, Loop, Scan bodies), of training graphs, and tensors in node
/// attributes, including those inside functions.
/// </summary>
public static class TensorWalker
{
    /// <summary>Every tensor slot of the model, in file order.</summary>
    public static IReadOnlyList<TensorSlot> All(ModelProto model)
    {
        var slots = new List<TensorSlot>();
        if (model.Graph is not null)
        {
            AddGraph(model.Graph, slots);
        }

        foreach (var training in model.TrainingInfo)
        {
            if (training.Initialization is not null)
            {
                AddGraph(training.Initialization, slots);
            }

            if (training.Algorithm is not null)
            {
                AddGraph(training.Algorithm, slots);
            }
        }

        foreach (var function in model.Functions)
        {
            AddNodes(function.Node, slots);
            foreach (var attribute in function.AttributeProto)
            {
                AddAttribute(attribute, slots);
            }
        }

        return slots;
    }

    private static void AddGraph(GraphProto graph, List<TensorSlot> slots)
    {
        AddList(graph.Initializer, slots);
        foreach (var sparse in graph.SparseInitializer)
        {
            AddSparse(sparse, slots);
        }

        AddNodes(graph.Node, slots);
    }

    private static void AddNodes(IEnumerable<NodeProto> nodes, List<TensorSlot> slots)
    {
        foreach (var node in nodes)
        {
            foreach (var attribute in node.Attribute)
            {
                AddAttribute(attribute, slots);
            }
        }
    }

    private static void AddAttribute(AttributeProto attribute, List<TensorSlot> slots)
    {
        if (attribute.T is not null)
        {
            slots.Add(new TensorSlot(attribute.T, t => attribute.T = t));
        }

        AddList(attribute.Tensors, slots);
        if (attribute.SparseTensor is not null)
        {
            AddSparse(attribute.SparseTensor, slots);
        }

        foreach (var sparse in attribute.SparseTensors)
        {
            AddSparse(sparse, slots);
        }

        if (attribute.G is not null)
        {
            AddGraph(attribute.G, slots);
        }

        foreach (var graph in attribute.Graphs)
        {
            AddGraph(graph, slots);
        }
    }

    private static void AddSparse(SparseTensorProto sparse, List<TensorSlot> slots)
    {
        if (sparse.Values is not null)
        {
            slots.Add(new TensorSlot(sparse.Values, t => sparse.Values = t));
        }

        if (sparse.Indices is not null)
        {
            slots.Add(new TensorSlot(sparse.Indices, t => sparse.Indices = t));
        }
    }

    private static void AddList(Google.Protobuf.Collections.RepeatedField<TensorProto> list, List<TensorSlot> slots)
    {
        for (int i = 0; i < list.Count; i++)
        {
            int index = i;
            slots.Add(new TensorSlot(list[index], t => list[index] = t));
        }
    }
}
