using SparseCompile.Cli.Rendering;
using SparseCompile.Onnx.Diagnostics;

namespace SparseCompile.Cli.Diffing;

/// <summary>Checks that two inputs hold the same tensors: the same names, each with the same shape.</summary>
internal static class TensorMatching
{
    /// <summary>
    /// Throws unless <paramref name="other"/> names exactly the tensors of <paramref name="reference"/>, each with the
    /// same dims. The error names <paramref name="otherFile"/>, the input that does not match.
    /// </summary>
    /// <param name="reference">The tensors of the first input, in its order.</param>
    /// <param name="referenceFile">The first input's path as given.</param>
    /// <param name="other">The tensors of the input checked against it.</param>
    /// <param name="otherFile">That input's path as given.</param>
    /// <param name="noun">What the tensors are, for messages: "mask", "prunable weight".</param>
    /// <exception cref="SparseCompileException">SC1130 for a name only one input has, SC1131 for differing shapes.</exception>
    public static void RequireSame(
        IReadOnlyList<(string Name, IReadOnlyList<long> Dims)> reference,
        string referenceFile,
        IReadOnlyList<(string Name, IReadOnlyList<long> Dims)> other,
        string otherFile,
        string noun)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(other);
        var otherByName = new Dictionary<string, IReadOnlyList<long>>(StringComparer.Ordinal);
        foreach (var (name, dims) in other)
        {
            otherByName.TryAdd(name, dims);
        }

        var referenceNames = new HashSet<string>(reference.Select(r => r.Name), StringComparer.Ordinal);
        foreach (var (name, dims) in reference)
        {
            if (!otherByName.TryGetValue(name, out var otherDims))
            {
                throw new SparseCompileException(CliDiagnosticCodes.TensorSetsDiffer, otherFile,
                    $"there is no {noun} '{name}', which {referenceFile} has; both must hold the same {noun}s", name);
            }

            if (!dims.SequenceEqual(otherDims))
            {
                throw new SparseCompileException(CliDiagnosticCodes.TensorShapesDiffer, otherFile,
                    $"{noun} '{name}' has shape {Format.Dims(otherDims)} here but {Format.Dims(dims)} in {referenceFile}", name);
            }
        }

        foreach (var (name, _) in other)
        {
            if (!referenceNames.Contains(name))
            {
                throw new SparseCompileException(CliDiagnosticCodes.TensorSetsDiffer, otherFile,
                    $"{noun} '{name}' is not in {referenceFile}; both must hold the same {noun}s", name);
            }
        }
    }
}
