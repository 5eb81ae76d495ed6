return SparseCompile.Cli.SparsecApp.Run(args);
