using System.Reflection;
using SparseCompile.Cli;

// The model path is baked in at build time by build/RealModels.targets.
string model = typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
    .First(a => a.Key == "ResNet18ModelPath").Value!;

// Extra arguments (for example --json) go straight to sparsec.
return SparsecApp.Run(["inspect", model, .. args]);
