using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Onnx.Diagnostics;

namespace SparseCompile.Compiler.Output;

/// <summary>
/// Writes the three outputs of a compile. Everything is first written into a staging folder inside
/// the output folder, then moved into place with the manifest last, so a crash or an error never
/// leaves a set of outputs that a later build could mistake for up to date. A killed compile's staging folder is removed
/// by the next compile of the same name (see <see cref="StagingFolder"/>).
/// </summary>
public static class CompilationWriter
{
    /// <summary>
    /// Compiled models with more tensor bytes than this (512 MiB) are written with their weights in external data:
    /// writing one protobuf message means holding all of it in memory, and a compile must stay within bounded memory
    /// whatever the model's size (large rewritten weights wait in the model's spill file until they are copied out).
    /// </summary>
    public const long MaxEmbeddedBytes = 512L << 20;

    /// <summary>Writes the compiled model, manifest and report of <paramref name="context"/>.</summary>
    public static CompileResult Write(CompilationContext context, long inputModelBytes)
    {
        string folder = Path.GetFullPath(context.Options.OutputDirectory);
        string name = context.Options.ResolvedOutputName;
        string modelName = name + ".onnx";
        string dataName = modelName + ".data";
        StagingFolder? stagingFolder = null;
        try
        {
            stagingFolder = StagingFolder.Create(folder, name);
            stagingFolder.RemoveStale(folder, name); // left by compiles that were killed
            string staging = stagingFolder.Path;
            context.Model.Save(Path.Combine(staging, modelName), new Onnx.IO.OnnxSaveOptions { ExternalDataFileName = dataName, MaxEmbeddedTensorBytes = MaxEmbeddedBytes });
            bool hasData = File.Exists(Path.Combine(staging, dataName));
            long outputBytes = new FileInfo(Path.Combine(staging, modelName)).Length + (hasData ? new FileInfo(Path.Combine(staging, dataName)).Length : 0);
            string compressedName = modelName + ModelCompression.Extension;
            long? compressedBytes = null;
            if (context.Options.Compress && hasData)
            {
                context.Warn(CompileDiagnosticCodes.NotCompressedExternalData,
                    $"the compiled model keeps {outputBytes} bytes of weights in external data, so it is not compressed into {compressedName}", modelName);
            }
            else if (context.Options.Compress)
            {
                compressedBytes = ModelCompression.Compress(Path.Combine(staging, modelName), Path.Combine(staging, compressedName));
            }

            var outcomes = context.Weights.Select(w => context.Outcomes[w.Name]).ToArray();
            var summary = CompileSummary.From(outcomes, inputModelBytes, outputBytes) with { CompressedModelBytes = compressedBytes };
            File.WriteAllBytes(Path.Combine(staging, name + ".report.html"), ReportWriter.Write(context, summary));
            File.WriteAllBytes(Path.Combine(staging, name + ".sparsemodel.json"), ManifestWriter.Write(context, summary, modelName));

            // The manifest moves last: its presence means the other outputs are complete.
            string manifestPath = Path.Combine(folder, name + ".sparsemodel.json");
            File.Delete(manifestPath);
            if (hasData)
            {
                File.Move(Path.Combine(staging, dataName), Path.Combine(folder, dataName), overwrite: true);
            }
            else
            {
                File.Delete(Path.Combine(folder, dataName)); // a stale data file from an earlier compile would mislead
            }

            File.Move(Path.Combine(staging, modelName), Path.Combine(folder, modelName), overwrite: true);
            if (compressedBytes is not null)
            {
                File.Move(Path.Combine(staging, compressedName), Path.Combine(folder, compressedName), overwrite: true);
            }
            else
            {
                File.Delete(Path.Combine(folder, compressedName)); // a stale compressed model from an earlier compile would mislead
            }

            File.Move(Path.Combine(staging, name + ".report.html"), Path.Combine(folder, name + ".report.html"), overwrite: true);
            File.Move(Path.Combine(staging, name + ".sparsemodel.json"), manifestPath, overwrite: true);
            return new CompileResult(
                Path.Combine(folder, modelName),
                hasData ? Path.Combine(folder, dataName) : null,
                manifestPath,
                Path.Combine(folder, name + ".report.html"),
                summary,
                outcomes,
                context.Diagnostics)
            {
                CompressedModelPath = compressedBytes is null ? null : Path.Combine(folder, compressedName),
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SparseCompileException(DiagnosticCodes.WriteFailed, folder, $"could not write the compiled outputs: {e.Message}", inner: e);
        }
        finally
        {
            stagingFolder?.Dispose();
        }
    }
}
