using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace SparseCompile.Compiler.Masks;

/// <summary>
/// The masks read from one file (or built to be written), in file order, each under a unique key.
/// </summary>
public sealed class MaskSet : IReadOnlyCollection<MaskTensor>
{
    private readonly MaskTensor[] masks;
    private readonly Dictionary<string, MaskTensor> byKey;

    /// <summary>Collects <paramref name="masks"/> in the given order.</summary>
    /// <param name="sourcePath">The file the masks came from; null for masks built in memory.</param>
    /// <param name="masks">The masks; keys must be unique.</param>
    /// <exception cref="Onnx.Diagnostics.SparseCompileException">SC1108 when two masks share a key.</exception>
    public MaskSet(string? sourcePath, IEnumerable<MaskTensor> masks)
    {
        ArgumentNullException.ThrowIfNull(masks);
        SourcePath = sourcePath;
        this.masks = masks.ToArray();
        byKey = new Dictionary<string, MaskTensor>(this.masks.Length, StringComparer.Ordinal);
        foreach (var mask in this.masks)
        {
            ArgumentNullException.ThrowIfNull(mask, nameof(masks));
            if (!byKey.TryAdd(mask.Key, mask))
            {
                throw MaskErrors.DuplicateKey(sourcePath, mask.Key);
            }
        }

        Keys = Array.ConvertAll(this.masks, m => m.Key);
    }

    /// <summary>The file the masks were read from, or null.</summary>
    public string? SourcePath { get; }

    /// <summary>The number of masks.</summary>
    public int Count => masks.Length;

    /// <summary>The keys in file order.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>The mask under <paramref name="key"/>.</summary>
    /// <exception cref="KeyNotFoundException">No mask has that key.</exception>
    public MaskTensor this[string key] =>
        TryGet(key, out var mask) ? mask : throw new KeyNotFoundException($"no mask has the key '{key}'");

    /// <summary>Looks up the mask under <paramref name="key"/>.</summary>
    public bool TryGet(string key, [NotNullWhen(true)] out MaskTensor? mask) => byKey.TryGetValue(key, out mask);

    /// <summary>True when a mask has <paramref name="key"/>.</summary>
    public bool Contains(string key) => byKey.ContainsKey(key);

    /// <summary>The masks in file order.</summary>
    public IEnumerator<MaskTensor> GetEnumerator() => ((IEnumerable<MaskTensor>)masks).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
