using SparseCompile.Generator.Models;
using SparseCompile.Generator.Naming;

namespace SparseCompile.Generator.Emit;

/// <summary>Emits the nested Output class: one typed, managed tensor property per model output.</summary>
internal static class OutputClassEmitter
{
    public static void Emit(SourceWriter w, ModelSpec model)
    {
        w.Line($"/// <summary>The outputs of one run of <see cref=\"{model.ClassName}\"/>, copied into managed memory (nothing to dispose).</summary>")
         .Line($"public sealed class {GeneratedMembers.Output}").Open()
         .Line($"internal {GeneratedMembers.Output}({RuntimeNames.ModelRun} run)").Open();
        for (int i = 0; i < model.Outputs.Count; i++)
        {
            var output = model.Outputs[i];
            w.Line($"{output.MemberName} = run.Output<{output.ElementType.CSharpType}>({i});");
        }

        w.Close();
        foreach (var output in model.Outputs)
        {
            w.Line()
             .Line($"/// <summary>{DocText.Describe("Output", output)}.</summary>")
             .Line($"public {RuntimeNames.ModelTensor}<{output.ElementType.CSharpType}> {output.MemberName} {{ get; }}");
        }

        w.Close();
    }
}
