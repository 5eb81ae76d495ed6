using System.Diagnostics.CodeAnalysis;
using System.Collections;
using Microsoft.ML.OnnxRuntime;

namespace SparseCompile.Runtime;

/// <summary>The outputs of one run, by name; disposing releases every native value.</summary>
public sealed class SparseModelOutputCollection : IReadOnlyDictionary<string, OrtValue>, IDisposable
{
    private readonly IDisposableReadOnlyCollection<OrtValue> values;
    private readonly Dictionary<string, OrtValue> byName;

    internal SparseModelOutputCollection(IReadOnlyList<string> names, IDisposableReadOnlyCollection<OrtValue> values)
    {
        this.values = values;
        byName = new Dictionary<string, OrtValue>(names.Count, StringComparer.Ordinal);
        int i = 0;
        foreach (var value in values)
        {
            byName[names[i++]] = value;
        }
    }

    /// <inheritdoc />
    public OrtValue this[string key] => byName[key];

    /// <inheritdoc />
    public IEnumerable<string> Keys => byName.Keys;

    /// <inheritdoc />
    public IEnumerable<OrtValue> Values => byName.Values;

    /// <inheritdoc />
    public int Count => byName.Count;

    /// <inheritdoc />
    public bool ContainsKey(string key) => byName.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out OrtValue value) => byName.TryGetValue(key, out value);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, OrtValue>> GetEnumerator() => byName.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Releases the native output values.</summary>
    public void Dispose() => values.Dispose();
}
