namespace SparseCompile.Compiler.Data;

/// <summary>One set of model inputs: a tensor for every runtime input, and where it came from.</summary>
public sealed class InputSample
{
    private readonly Dictionary<string, SampleTensor> byName;

    /// <summary>Creates a sample from its tensors (one per input name).</summary>
    /// <exception cref="ArgumentException">Two tensors share a name.</exception>
    public InputSample(string source, IReadOnlyList<SampleTensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(tensors);
        Source = source;
        Tensors = tensors.ToArray();
        byName = new Dictionary<string, SampleTensor>(StringComparer.Ordinal);
        foreach (var tensor in Tensors)
        {
            if (!byName.TryAdd(tensor.Name, tensor))
            {
                throw new ArgumentException($"Two tensors are named '{tensor.Name}'.", nameof(tensors));
            }
        }
    }

    /// <summary>Where the sample came from: a folder, a file, or "generated #i".</summary>
    public string Source { get; }

    /// <summary>The tensors, in the model's input order.</summary>
    public IReadOnlyList<SampleTensor> Tensors { get; }

    /// <summary>The tensor for input <paramref name="name"/>, or null.</summary>
    public SampleTensor? Find(string name) => byName.GetValueOrDefault(name);
}
