namespace SparseCompile.Compiler.Pipeline;

/// <summary>Progress of one pass: step <see cref="Step"/> of <see cref="Steps"/>, working on <see cref="Item"/>.</summary>
/// <param name="Pass">The pass's name.</param>
/// <param name="Step">Steps done so far.</param>
/// <param name="Steps">Steps in all.</param>
/// <param name="Item">What the pass is working on (a tensor name), or null.</param>
public sealed record PassProgress(string Pass, int Step, int Steps, string? Item);
