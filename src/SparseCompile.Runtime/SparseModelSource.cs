using System.Reflection;

namespace SparseCompile.Runtime;

/// <summary>
/// Where a compiled model comes from: a file, bytes, a stream or an embedded resource, each optionally
/// Brotli-compressed (files ending in <c>.onnx.br</c>, resources ending in <c>.br</c>, or flagged explicitly). A compressed model
/// written by <c>sparsec compile --compress</c> carries its length and SHA-256, and a model that does not match them is rejected
/// (<see cref="SparseModelErrorCodes.SourceUnreadable"/>) instead of loading with different weights.
/// </summary>
public sealed class SparseModelSource
{
    private readonly Func<ModelPayload> open;

    private SparseModelSource(string description, Func<ModelPayload> open)
    {
        Description = description;
        this.open = open;
    }

    /// <summary>A human-readable description of the source, used in messages.</summary>
    public string Description { get; }

    /// <summary>A model file; a name ending in <c>.br</c> is decompressed with Brotli at load.</summary>
    public static SparseModelSource FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        return new SparseModelSource($"file '{full}'", () =>
        {
            if (!File.Exists(full))
            {
                throw new SparseModelException(SparseModelErrorCodes.SourceUnreadable, $"Model file '{full}' does not exist.");
            }

            if (!ModelBytes.IsBrotliName(full))
            {
                return ModelPayload.FromPath(full);
            }

            using var stream = File.OpenRead(full);
            return ModelBytes.Read(stream, brotli: true, $"file '{full}'");
        });
    }

    /// <summary>Model bytes held in memory; set <paramref name="brotli"/> when they are Brotli-compressed.</summary>
    public static SparseModelSource FromBytes(byte[] bytes, bool brotli = false)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        const string description = "in-memory model bytes";
        return new SparseModelSource(description, () =>
            brotli ? ModelBytes.Decompress(bytes, description) : ModelPayload.FromBytes(bytes));
    }

    /// <summary>
    /// A model read from <paramref name="stream"/> now, to its end (the stream is not disposed);
    /// set <paramref name="brotli"/> when the stream is Brotli-compressed.
    /// </summary>
    public static SparseModelSource FromStream(Stream stream, bool brotli = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        const string description = "model stream";
        var payload = ModelBytes.Read(stream, brotli, description);
        return new SparseModelSource(description, () => payload);
    }

    /// <summary>
    /// A model opened on demand by <paramref name="openStream"/> (the stream is disposed after reading);
    /// a <paramref name="name"/> ending in <c>.br</c> is decompressed with Brotli. Returning null means the model is missing.
    /// </summary>
    public static SparseModelSource FromResource(string name, Func<Stream?> openStream)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(openStream);
        string description = $"resource '{name}'";
        return new SparseModelSource(description, () =>
        {
            using var stream = openStream()
                ?? throw new SparseModelException(SparseModelErrorCodes.SourceUnreadable, $"The {description} was not found.");
            return ModelBytes.Read(stream, ModelBytes.IsBrotliName(name), description);
        });
    }

    /// <summary>A model embedded in <paramref name="assembly"/> as the manifest resource <paramref name="resourceName"/>.</summary>
    public static SparseModelSource FromResource(Assembly assembly, string resourceName)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return FromResource(resourceName, () => assembly.GetManifestResourceStream(resourceName));
    }

    /// <summary>Reads the model (decompressing as needed) for one session.</summary>
    internal ModelPayload Open() => open();

    /// <inheritdoc />
    public override string ToString() => Description;
}
