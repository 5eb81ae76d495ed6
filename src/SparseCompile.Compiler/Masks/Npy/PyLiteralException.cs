namespace SparseCompile.Compiler.Masks.Npy;

/// <summary>A header is not the Python literal it should be; the message says where.</summary>
internal sealed class PyLiteralException(string message) : Exception(message);
