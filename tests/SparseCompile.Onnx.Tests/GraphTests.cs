using SparseCompile.Onnx.Diagnostics;
using SparseCompile.Onnx.Graph;
using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Protos;
using SparseCompile.Onnx.Tensors;
using SparseCompile.Onnx.Tests.Support;
using SparseCompile.Testing;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;
using ValueType = SparseCompile.Onnx.Graph.ValueType;

namespace SparseCompile.Onnx.Tests;

/// <summary>Lookups, producers and consumers (nested graphs included), topological order and declared types.</summary>
public class GraphTests
{
    [Fact]
    public void LooksUpNodesInitializersAndValuesByName()
    {
        var built = TestModels.Dense(13, TensorEncoding.Raw);
        built.Proto.Graph.ValueInfo.Add(new ValueInfoProto { Name = "matmul_0_out" });
        using var model = OnnxModel.FromProto(built.Proto);
        var graph = model.Graph;

        Assert.Same(model.Proto.Graph.Node[0], graph.FindNode("matmul_0"));
        Assert.Null(graph.FindNode("matmul_0_out"));
        Assert.Same(model.Proto.Graph.Initializer[0], graph.FindInitializer("matmul_w_0"));
        Assert.True(graph.IsInitializer("dense_bias"));
        Assert.False(graph.IsInitializer("x"));
        Assert.Null(graph.FindInitializer("x"));
        Assert.Same(model.Proto.Graph.Input[0], graph.FindValueInfo("x"));
        Assert.Same(model.Proto.Graph.Output[0], graph.FindValueInfo("y"));
        Assert.Same(model.Proto.Graph.ValueInfo[0], graph.FindValueInfo("matmul_0_out"));
        Assert.Null(graph.FindValueInfo("nothing"));
        Assert.Same(graph, model.Graph); // built once
    }

    [Fact]
    public void ProducerIsTheNodeThatOutputsTheValue()
    {
        using var model = OnnxModel.FromProto(TestModels.Dense(13, TensorEncoding.Raw).Proto);
        var graph = model.Graph;
        var nodes = model.Proto.Graph.Node;
        Assert.Same(nodes[0], graph.Producer("matmul_0_out"));
        Assert.Same(nodes[^1], graph.Producer("y"));
        Assert.Null(graph.Producer("x"));           // a graph input
        Assert.Null(graph.Producer("matmul_w_0"));  // an initializer
        Assert.Null(graph.Producer("nothing"));
    }

    [Fact]
    public void ConsumersListEveryUseWithItsInputIndex()
    {
        var g = new GraphProto { Name = "g" };
        g.Node.Add(Node("first", "Relu", ["x"], ["a"]));
        g.Node.Add(Node("square", "Mul", ["a", "a"], ["b"]));
        g.Node.Add(Node("clip", "Clip", ["b", "", "a"], ["c"])); // "" is an omitted optional input
        var graph = new OnnxGraph(g);

        Assert.Equal([new Consumer(g.Node[1], 0), new Consumer(g.Node[1], 1), new Consumer(g.Node[2], 2)], graph.Consumers("a"));
        Assert.Equal([new Consumer(g.Node[0], 0)], graph.Consumers("x"));
        Assert.Empty(graph.Consumers("c"));
        Assert.Empty(graph.Consumers(""));
        Assert.Empty(graph.Consumers("unknown"));
    }

    [Fact]
    public void ConsumersIncludeUsesFromNestedGraphsWithIndexMinusOne()
    {
        var g = new GraphProto { Name = "main" };
        g.Node.Add(Node("make_w", "Relu", ["x"], ["w"]));
        g.Node.Add(Node("make_v", "Relu", ["x"], ["v"]));

        // If: both branches read the outer "w"; the else branch defines its own "v" and reads that one.
        var thenBranch = Subgraph("then", [], [Node("t", "Add", ["w", "w"], ["t_out"])]);
        var elseBranch = Subgraph("else", [], [Node("e1", "Relu", ["w"], ["v"]), Node("e2", "Relu", ["v"], ["e_out"])]);
        var ifNode = Node("if", "If", ["cond"], ["if_out"]);
        ifNode.Attribute.Add(new AttributeProto { Name = "then_branch", Type = AttributeProto.Types.AttributeType.Graph, G = thenBranch });
        ifNode.Attribute.Add(new AttributeProto { Name = "else_branch", Type = AttributeProto.Types.AttributeType.Graph, G = elseBranch });
        g.Node.Add(ifNode);

        // Loop: the body has its own inputs (i, cond, carried) and an initializer "k" that shadow nothing outside;
        // an If nested in the body reads the top-level "v".
        var inner = Subgraph("inner", [], [Node("deep", "Add", ["v", "carried"], ["deep_out"])]);
        var innerIf = Node("inner_if", "If", ["body_cond"], ["inner_out"]);
        innerIf.Attribute.Add(new AttributeProto { Name = "then_branch", Type = AttributeProto.Types.AttributeType.Graph, G = inner });
        innerIf.Attribute.Add(new AttributeProto { Name = "else_branch", Type = AttributeProto.Types.AttributeType.Graph, G = inner.Clone() });
        var body = Subgraph("body", ["i", "body_cond", "carried"], [Node("use_k", "Add", ["carried", "k"], ["sum"]), innerIf]);
        body.Initializer.Add(TensorFactory.Create<float>("k", [1], [1f]));
        var loop = Node("loop", "Loop", ["", "", "x"], ["loop_out"]);
        loop.Attribute.Add(new AttributeProto { Name = "body", Type = AttributeProto.Types.AttributeType.Graph, G = body });
        g.Node.Add(loop);

        var graph = new OnnxGraph(g);
        Assert.Equal([new Consumer(ifNode, -1)], graph.Consumers("w"));                              // once, though both branches read it
        Assert.Equal([new Consumer(loop, -1)], graph.Consumers("v"));                                // two levels down; If's own "v" is local
        Assert.Equal([new Consumer(g.Node[0], 0), new Consumer(g.Node[1], 0), new Consumer(loop, 2)], graph.Consumers("x"));
        Assert.Empty(graph.Consumers("k"));
        Assert.Empty(graph.Consumers("carried"));
        Assert.Empty(graph.Consumers("t_out"));
        Assert.Equal([new Consumer(ifNode, 0)], graph.Consumers("cond"));
    }

    [Fact]
    public void TopologicalOrderOfASortedGraphIsFileOrder()
    {
        using var model = OnnxModel.FromProto(TestModels.Convolutional(13, TensorEncoding.Raw).Proto);
        Assert.Equal(model.Proto.Graph.Node.ToArray(), model.Graph.TopologicalOrder());
    }

    [Fact]
    public void TopologicalOrderPutsEachNodeAfterItsProducersAndKeepsFileOrderForTies()
    {
        // A diamond with side branches: x → a → (b, c) → d, plus independent nodes off x.
        var nodes = new[]
        {
            Node("a", "Relu", ["x"], ["a"]),
            Node("b", "Relu", ["a"], ["b"]),
            Node("c", "Neg", ["a"], ["c"]),
            Node("d", "Add", ["b", "c"], ["d"]),
            Node("e", "Relu", ["x"], ["e"]),
            Node("f", "Add", ["d", "e"], ["f"]),
            Node("g", "Relu", ["x"], ["g"]),
            Node("h", "Mul", ["f", "g"], ["h"]),
        };

        var random = new Random(5);
        for (int round = 0; round < 20; round++)
        {
            var shuffled = nodes.OrderBy(_ => random.Next()).ToArray();
            var graph = new OnnxGraph(Subgraph("g", ["x"], shuffled));
            var order = graph.TopologicalOrder();
            Assert.Equal(nodes.Length, order.Count);
            Assert.Equal(nodes.Select(n => n.Name).Order(), order.Select(n => n.Name).Order());
            var position = order.Select((n, i) => (n.Name, i)).ToDictionary(p => p.Name, p => p.i);
            foreach (var node in order)
            {
                foreach (string input in node.Input)
                {
                    if (graph.Producer(input) is { } producer)
                    {
                        Assert.True(position[producer.Name] < position[node.Name], $"{node.Name} comes before its producer {producer.Name}");
                    }
                }
            }

            // Stable: whenever two nodes could go either way, the one earlier in the file goes first.
            var expected = StableOrder(shuffled);
            Assert.Equal(expected, order.Select(n => n.Name));
            Assert.Equal(expected, graph.TopologicalOrder().Select(n => n.Name));
        }
    }

    [Fact]
    public void TopologicalOrderHonoursReadsFromNestedGraphs()
    {
        var branch = Subgraph("then", [], [Node("inner", "Relu", ["late"], ["inner_out"])]);
        var ifNode = Node("if", "If", ["cond"], ["out"]);
        ifNode.Attribute.Add(new AttributeProto { Name = "then_branch", Type = AttributeProto.Types.AttributeType.Graph, G = branch });
        ifNode.Attribute.Add(new AttributeProto { Name = "else_branch", Type = AttributeProto.Types.AttributeType.Graph, G = branch.Clone() });
        var producer = Node("make_late", "Relu", ["x"], ["late"]);
        var graph = new OnnxGraph(Subgraph("g", ["x", "cond"], [ifNode, producer]));
        Assert.Equal(["make_late", "if"], graph.TopologicalOrder().Select(n => n.Name));
    }

    [Fact]
    public void CycleIsSC1040NamingANodeOnIt()
    {
        var g = Subgraph("g", ["x"],
        [
            Node("downstream", "Relu", ["b"], ["out"]), // stuck because of the cycle, but not on it
            Node("start", "Relu", ["x"], ["s"]),
            Node("a", "Add", ["s", "b"], ["a"]),
            Node("b", "Relu", ["a"], ["b"]),
        ]);
        var e = Expect.Error(DiagnosticCodes.GraphCycle, "model.onnx", () => new OnnxGraph(g, "model.onnx").TopologicalOrder());
        Assert.Contains(e.Subject, new[] { "a", "b" });
        Assert.Contains($"'{e.Subject}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NodeReadingItsOwnOutputIsACycle()
    {
        var g = Subgraph("g", ["x"], [Node("ok", "Relu", ["x"], ["y"]), Node("self", "Add", ["y", "z"], ["z"])]);
        Expect.Error(DiagnosticCodes.GraphCycle, null, () => new OnnxGraph(g).TopologicalOrder(), "self");
    }

    [Fact]
    public void CycleThroughANestedGraphIsSC1040()
    {
        var branch = Subgraph("then", [], [Node("inner", "Relu", ["b"], ["inner_out"])]);
        var ifNode = Node("if", "If", ["x"], ["a"]);
        ifNode.Attribute.Add(new AttributeProto { Name = "then_branch", Type = AttributeProto.Types.AttributeType.Graph, G = branch });
        var g = Subgraph("g", ["x"], [ifNode, Node("b", "Relu", ["a"], ["b"])]);
        var e = Expect.Error(DiagnosticCodes.GraphCycle, null, () => new OnnxGraph(g).TopologicalOrder());
        Assert.Contains(e.Subject, new[] { "if", "b" });
    }

    [Fact]
    public void UnnamedNodeOnACycleIsDescribedByItsOutputs()
    {
        var g = Subgraph("g", [], [Node("", "Relu", ["q"], ["p"]), Node("", "Neg", ["p"], ["q"])]);
        var e = Expect.Error(DiagnosticCodes.GraphCycle, null, () => new OnnxGraph(g).TopologicalOrder());
        Assert.True(e.Subject is "Relu -> p" or "Neg -> q", e.Subject);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(13)]
    public void RuntimeInputsLeaveOutInitializers(int opset)
    {
        using var model = OnnxModel.FromProto(TestModels.Dense(opset, TensorEncoding.Raw).Proto);
        int initializers = model.Proto.Graph.Initializer.Count;
        // IR 3 (opset 8) lists every initializer as a graph input as well; later IR versions do not.
        Assert.Equal(opset == 8 ? 1 + initializers : 1, model.Proto.Graph.Input.Count);
        Assert.Equal(opset == 8 ? 3 : 7, model.Proto.IrVersion);
        var input = Assert.Single(model.Graph.RuntimeInputs);
        Assert.Equal("x", input.Name);
    }

    [Fact]
    public void ShapeOfReadsStaticSymbolicAndUnknownDims()
    {
        var b = new OnnxBuilder(13);
        b.Input("tokens", DataType.Int64, "batch", 128);
        b.Input("image", DataType.Float, 1, 3, 224, 224);
        b.Initializer("table", [10, 4], new float[40]);
        b.Output("scalar", DataType.Float);
        var proto = b.Build();
        var graph = proto.Graph;
        graph.ValueInfo.Add(new ValueInfoProto
        {
            Name = "partly",
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1, Shape = new TensorShapeProto { Dim = { new TensorShapeProto.Types.Dimension(), new TensorShapeProto.Types.Dimension { DimValue = 5 } } } } },
        });
        graph.ValueInfo.Add(new ValueInfoProto { Name = "rankless", Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1 } } });
        var g = new OnnxGraph(graph);

        var tokens = g.ShapeOf("tokens");
        Assert.Equal(2, tokens.Rank);
        Assert.False(tokens.IsStatic);
        Assert.Equal([Dimension.Named("batch"), Dimension.Fixed(128)], tokens.Dims);
        Assert.Equal("[batch, 128]", tokens.ToString());

        var image = g.ShapeOf("image");
        Assert.True(image.IsStatic);
        Assert.Equal(new TensorShape([Dimension.Fixed(1), Dimension.Fixed(3), Dimension.Fixed(224), Dimension.Fixed(224)]), image);
        Assert.Equal(image.GetHashCode(), new TensorShape([Dimension.Fixed(1), Dimension.Fixed(3), Dimension.Fixed(224), Dimension.Fixed(224)]).GetHashCode());

        Assert.Equal("[10, 4]", g.ShapeOf("table").ToString()); // initializers are always static
        Assert.True(g.ShapeOf("table").IsStatic);

        var scalar = g.ShapeOf("scalar");
        Assert.Equal(0, scalar.Rank);
        Assert.True(scalar.IsStatic);

        var partly = g.ShapeOf("partly");
        Assert.Equal([Dimension.Unknown, Dimension.Fixed(5)], partly.Dims);
        Assert.Equal("[?, 5]", partly.ToString());
        Assert.False(partly.Dims![0].IsFixed);

        foreach (string name in new[] { "rankless", "nothing" })
        {
            var unknown = g.ShapeOf(name);
            Assert.Null(unknown.Dims);
            Assert.Null(unknown.Rank);
            Assert.False(unknown.IsStatic);
            Assert.Equal("unknown", unknown.ToString());
        }

        Assert.NotEqual(tokens, image);
        Assert.NotEqual(g.ShapeOf("nothing"), scalar);
    }

    [Fact]
    public void OpsetVersionTreatsEmptyAndAiOnnxAlike()
    {
        var proto = TestModels.Dense(17, TensorEncoding.Raw).Proto;
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "com.microsoft", Version = 1 });
        using (var model = OnnxModel.FromProto(proto))
        {
            Assert.Equal(17, model.OpsetVersion());
            Assert.Equal(17, model.OpsetVersion(""));
            Assert.Equal(17, model.OpsetVersion("ai.onnx"));
            Assert.Equal(1, model.OpsetVersion("com.microsoft"));
            Assert.Null(model.OpsetVersion("ai.onnx.ml"));
        }

        proto.OpsetImport[0].Domain = "ai.onnx"; // the spelled-out default domain
        using (var model = OnnxModel.FromProto(proto))
        {
            Assert.Equal(17, model.OpsetVersion());
            Assert.Equal(17, model.OpsetVersion("ai.onnx"));
        }
    }

    [Fact]
    public void ValueTypeReadsEveryKindOfType()
    {
        var tensor = new ValueInfoProto
        {
            Name = "t",
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)DataType.Float16, Shape = new TensorShapeProto { Dim = { new TensorShapeProto.Types.Dimension { DimParam = "n" } } } } },
        };
        var t = ValueType.Of(tensor);
        Assert.Equal(("t", "tensor", (int)DataType.Float16, "FLOAT16", "[n]"), (t.Name, t.Kind, t.ElementType, t.ElementTypeName, t.Shape.ToString()));

        var sparse = ValueType.Of(new ValueInfoProto
        {
            Name = "s",
            Type = new TypeProto { SparseTensorType = new TypeProto.Types.SparseTensor { ElemType = (int)DataType.Int8, Shape = new TensorShapeProto { Dim = { new TensorShapeProto.Types.Dimension { DimValue = 3 } } } } },
        });
        Assert.Equal(("sparse_tensor", "INT8", "[3]"), (sparse.Kind, sparse.ElementTypeName, sparse.Shape.ToString()));

        var sequence = ValueType.Of(new ValueInfoProto { Name = "q", Type = new TypeProto { SequenceType = new TypeProto.Types.Sequence { ElemType = tensor.Type } } });
        Assert.Equal(("sequence", 0, "sequence"), (sequence.Kind, sequence.ElementType, sequence.ElementTypeName));
        Assert.Null(sequence.Shape.Dims);

        Assert.Equal("map", ValueType.Of(new ValueInfoProto { Name = "m", Type = new TypeProto { MapType = new TypeProto.Types.Map { KeyType = 7, ValueType = tensor.Type } } }).Kind);
        Assert.Equal("optional", ValueType.Of(new ValueInfoProto { Name = "o", Type = new TypeProto { OptionalType = new TypeProto.Types.Optional { ElemType = tensor.Type } } }).Kind);
        Assert.Equal("opaque", ValueType.Of(new ValueInfoProto { Name = "p", Type = new TypeProto { OpaqueType = new TypeProto.Types.Opaque { Domain = "d", Name = "n" } } }).Kind);

        var untyped = ValueType.Of(new ValueInfoProto { Name = "u" });
        Assert.Equal(("unknown", 0, "unknown"), (untyped.Kind, untyped.ElementType, untyped.ElementTypeName));
        Assert.Null(untyped.Shape.Rank);
    }

    [Fact]
    public void RefreshGraphPicksUpEdits()
    {
        using var model = OnnxModel.FromProto(TestModels.Dense(13, TensorEncoding.Raw).Proto);
        var before = model.Graph;
        model.Proto.Graph.Node.Add(Node("extra", "Relu", ["y"], ["z"]));
        Assert.Same(before, model.Graph);
        Assert.Null(model.Graph.FindNode("extra"));
        model.RefreshGraph();
        Assert.NotSame(before, model.Graph);
        Assert.NotNull(model.Graph.FindNode("extra"));
        Assert.Equal("extra", Assert.Single(model.Graph.Consumers("y")).Node.Name);
    }

    private static NodeProto Node(string name, string op, string[] inputs, string[] outputs)
    {
        var node = new NodeProto { Name = name, OpType = op };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        return node;
    }

    private static GraphProto Subgraph(string name, string[] inputs, NodeProto[] nodes)
    {
        var graph = new GraphProto { Name = name };
        graph.Input.AddRange(inputs.Select(i => new ValueInfoProto { Name = i }));
        graph.Node.AddRange(nodes);
        return graph;
    }

    // Reference: repeatedly take the earliest node in file order whose inputs are all available.
    private static List<string> StableOrder(NodeProto[] fileOrder)
    {
        var produced = fileOrder.SelectMany(n => n.Output).ToHashSet();
        var available = new HashSet<string>();
        var left = fileOrder.ToList();
        var order = new List<string>();
        while (left.Count > 0)
        {
            var next = left.First(n => n.Input.All(i => !produced.Contains(i) || available.Contains(i)));
            order.Add(next.Name);
            available.UnionWith(next.Output);
            left.Remove(next);
        }

        return order;
    }
}
