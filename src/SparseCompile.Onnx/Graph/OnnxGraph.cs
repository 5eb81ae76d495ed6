using SparseCompile.Onnx.Diagnostics;
using SparseCompile.Onnx.Protos;

namespace SparseCompile.Onnx.Graph;

/// <summary>A use of a value by a node: which input slot, or -1 when a nested graph of the node refers to it.</summary>
public readonly record struct Consumer(NodeProto Node, int InputIndex);

/// <summary>
/// Lookups over one graph: nodes, initializers and values by name, the producer and consumers
/// of each value, topological order, and declared types and shapes. Built once from a snapshot
/// of the graph; build a new one after editing.
/// </summary>
public sealed class OnnxGraph
{
    private readonly string? filePath;
    private readonly Dictionary<string, NodeProto> nodesByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NodeProto> producers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Consumer>> consumers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TensorProto> initializers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ValueInfoProto> values = new(StringComparer.Ordinal);

    /// <summary>Indexes <paramref name="graph"/>; <paramref name="filePath"/> names the model in errors.</summary>
    public OnnxGraph(GraphProto graph, string? filePath = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        Proto = graph;
        this.filePath = filePath;
        foreach (var tensor in graph.Initializer)
        {
            initializers.TryAdd(tensor.Name, tensor);
        }

        foreach (var value in graph.Input.Concat(graph.Output).Concat(graph.ValueInfo))
        {
            values.TryAdd(value.Name, value);
        }

        foreach (var node in graph.Node)
        {
            if (!string.IsNullOrEmpty(node.Name))
            {
                nodesByName.TryAdd(node.Name, node);
            }

            foreach (string output in node.Output.Where(o => o.Length > 0))
            {
                producers.TryAdd(output, node);
            }

            for (int i = 0; i < node.Input.Count; i++)
            {
                AddConsumer(node.Input[i], new Consumer(node, i));
            }

            foreach (string outer in OuterScopeReferences(node))
            {
                AddConsumer(outer, new Consumer(node, -1));
            }
        }
    }

    /// <summary>The graph message.</summary>
    public GraphProto Proto { get; }

    /// <summary>The inputs a caller feeds: graph inputs that are not initializers (older IR versions list initializers as inputs too).</summary>
    public IReadOnlyList<ValueInfoProto> RuntimeInputs => Proto.Input.Where(i => !initializers.ContainsKey(i.Name)).ToArray();

    /// <summary>The node named <paramref name="name"/>, or null.</summary>
    public NodeProto? FindNode(string name) => nodesByName.GetValueOrDefault(name);

    /// <summary>The initializer named <paramref name="name"/>, or null.</summary>
    public TensorProto? FindInitializer(string name) => initializers.GetValueOrDefault(name);

    /// <summary>True when <paramref name="name"/> is an initializer (a constant) of this graph.</summary>
    public bool IsInitializer(string name) => initializers.ContainsKey(name);

    /// <summary>The input, output or value_info entry for <paramref name="name"/>, or null.</summary>
    public ValueInfoProto? FindValueInfo(string name) => values.GetValueOrDefault(name);

    /// <summary>The node that outputs <paramref name="valueName"/>, or null for inputs, initializers and unknown names.</summary>
    public NodeProto? Producer(string valueName) => producers.GetValueOrDefault(valueName);

    /// <summary>Every node that reads <paramref name="valueName"/>, in graph order.</summary>
    public IReadOnlyList<Consumer> Consumers(string valueName) =>
        consumers.TryGetValue(valueName, out var list) ? list : [];

    /// <summary>The declared shape of a value or initializer; unknown when nothing declares it.</summary>
    public TensorShape ShapeOf(string name)
    {
        if (initializers.TryGetValue(name, out var tensor))
        {
            return TensorShape.Of(tensor);
        }

        return values.TryGetValue(name, out var value) ? TensorShape.Of(value.Type) : new TensorShape((IReadOnlyList<Dimension>?)null);
    }

    /// <summary>
    /// The nodes ordered so that each comes after the producers of everything it reads
    /// (including names its nested graphs read); ties keep file order.
    /// </summary>
    /// <exception cref="SparseCompileException">SC1040 naming a node on the cycle.</exception>
    public IReadOnlyList<NodeProto> TopologicalOrder()
    {
        var nodes = Proto.Node;
        var index = new Dictionary<NodeProto, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < nodes.Count; i++)
        {
            index[nodes[i]] = i;
        }

        var waiting = new int[nodes.Count];
        var dependents = new List<int>[nodes.Count];
        var dependencies = new List<int>[nodes.Count];
        for (int i = 0; i < nodes.Count; i++)
        {
            dependents[i] = [];
            dependencies[i] = [];
        }

        for (int i = 0; i < nodes.Count; i++)
        {
            foreach (string input in nodes[i].Input.Concat(OuterScopeReferences(nodes[i])).Distinct())
            {
                // A node that reads its own output waits on itself: a cycle of one.
                if (input.Length > 0 && producers.TryGetValue(input, out var producer))
                {
                    int from = index[producer];
                    waiting[i]++;
                    dependents[from].Add(i);
                    dependencies[i].Add(from);
                }
            }
        }

        var ready = new PriorityQueue<int, int>();
        for (int i = 0; i < nodes.Count; i++)
        {
            if (waiting[i] == 0)
            {
                ready.Enqueue(i, i);
            }
        }

        var order = new List<NodeProto>(nodes.Count);
        while (ready.TryDequeue(out int next, out _))
        {
            order.Add(nodes[next]);
            foreach (int dependent in dependents[next])
            {
                if (--waiting[dependent] == 0)
                {
                    ready.Enqueue(dependent, dependent);
                }
            }
        }

        if (order.Count < nodes.Count)
        {
            var stuck = nodes[NodeOnCycle(waiting, dependencies)];
            string name = string.IsNullOrEmpty(stuck.Name) ? $"{stuck.OpType} -> {string.Join(",", stuck.Output)}" : stuck.Name;
            throw new SparseCompileException(DiagnosticCodes.GraphCycle, filePath,
                $"the graph has a cycle through node '{name}'", name);
        }

        return order;
    }

    /// <summary>
    /// A node that lies on a cycle, not merely after one. Every node left waiting has a producer left
    /// waiting too, so walking back through those must come round to a node already seen.
    /// </summary>
    private static int NodeOnCycle(int[] waiting, List<int>[] dependencies)
    {
        int current = Array.FindIndex(waiting, w => w > 0);
        var seen = new HashSet<int>();
        while (seen.Add(current))
        {
            current = dependencies[current].First(d => waiting[d] > 0);
        }

        return current;
    }

    private void AddConsumer(string valueName, Consumer consumer)
    {
        if (valueName.Length == 0)
        {
            return; // an omitted optional input
        }

        if (!consumers.TryGetValue(valueName, out var list))
        {
            consumers[valueName] = list = [];
        }

        list.Add(consumer);
    }

    /// <summary>Names that the node's nested graphs read but do not define themselves.</summary>
    private static SortedSet<string> OuterScopeReferences(NodeProto node)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var attribute in node.Attribute)
        {
            foreach (var graph in attribute.Graphs.Prepend(attribute.G).OfType<GraphProto>())
            {
                CollectOuter(graph, found);
            }
        }

        return found;
    }

    private static void CollectOuter(GraphProto graph, SortedSet<string> found)
    {
        var defined = new HashSet<string>(graph.Input.Select(i => i.Name).Concat(graph.Initializer.Select(i => i.Name)), StringComparer.Ordinal);
        defined.UnionWith(graph.Node.SelectMany(n => n.Output));
        foreach (var node in graph.Node)
        {
            foreach (string input in node.Input.Concat(OuterScopeReferences(node)))
            {
                if (input.Length > 0 && !defined.Contains(input))
                {
                    found.Add(input);
                }
            }
        }
    }
}
