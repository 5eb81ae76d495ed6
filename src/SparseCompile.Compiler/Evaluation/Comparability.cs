using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Onnx.Diagnostics;

namespace SparseCompile.Compiler.Evaluation;

/// <summary>The names and output types of a model's inputs and outputs, as ONNX Runtime sees them.</summary>
/// <param name="InputNames">The inputs it takes, in model order.</param>
/// <param name="OutputNames">The outputs it returns, in model order.</param>
/// <param name="OutputTypes">Each output's element type, by name.</param>
internal sealed record ModelSignature(IReadOnlyList<string> InputNames, IReadOnlyList<string> OutputNames, IReadOnlyDictionary<string, string> OutputTypes);

/// <summary>Checks that a candidate can stand in for a reference: it takes no input the reference lacks and has every reference output, of the same type.</summary>
internal static class Comparability
{
    /// <summary>SC3005 naming <paramref name="candidatePath"/> when the candidate cannot be compared with the reference.</summary>
    public static void Check(ModelSignature reference, ModelSignature candidate, string candidatePath)
    {
        foreach (string input in candidate.InputNames.Where(i => !reference.InputNames.Contains(i)))
        {
            throw new SparseCompileException(EvaluationDiagnosticCodes.ModelsNotComparable, candidatePath,
                $"the candidate takes input '{input}', which the reference does not have", input);
        }

        foreach (string output in reference.OutputNames)
        {
            if (!candidate.OutputTypes.TryGetValue(output, out string? type))
            {
                throw new SparseCompileException(EvaluationDiagnosticCodes.ModelsNotComparable, candidatePath,
                    $"the candidate has no output '{output}' (its outputs: {string.Join(", ", candidate.OutputNames)})", output);
            }

            if (type != reference.OutputTypes[output])
            {
                throw new SparseCompileException(EvaluationDiagnosticCodes.ModelsNotComparable, candidatePath,
                    $"output '{output}' is {type} in the candidate but {reference.OutputTypes[output]} in the reference", output);
            }
        }
    }
}
