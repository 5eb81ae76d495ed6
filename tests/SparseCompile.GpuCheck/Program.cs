using SparseCompile.GpuCheck;

// The GPU check of issue 5 (item 7); build/gpu-check.sh drives it:
//   probe                         fail fast unless ONNX Runtime can start TensorRT on this machine
//   prepare <dir>                 write MiniLM and a large-MatMul builder model, with calibration sets, for sparsec
//   run <dir> [runs] [warm-up]    time every compiled model on TensorRT with sparsity on and off
BuildLog.Install();
try
{
    return args switch
    {
        ["probe"] => TensorRtProbe.Run(),
        ["prepare", string dir] => CheckModels.Prepare(dir),
        ["run", string dir, .. var rest] => TensorRtProbe.Run() is var probe && probe != 0 ? probe
            : SparsityComparison.Run(dir, rest.Length > 0 ? int.Parse(rest[0]) : 200, rest.Length > 1 ? int.Parse(rest[1]) : 20),
        _ => Usage(),
    };
}
catch (Exception e) when (e is IOException or InvalidOperationException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException or SparseCompile.Runtime.SparseModelException)
{
    Console.Error.WriteLine($"gpu-check: {e.Message}");
    return 1;
}

static int Usage()
{
    Console.Error.WriteLine("usage: SparseCompile.GpuCheck probe | prepare <dir> | run <dir> [runs] [warm-up]");
    return 2;
}
