using Microsoft.ML.OnnxRuntime.Tensors;

namespace SparseCompile.Runtime;

/// <summary>The ONNX element type of each C# element type the generated wrappers use.</summary>
internal static class TensorElementTypes
{
    /// <summary>The element type of <typeparamref name="T"/>; looked up once per type, so asking allocates nothing.</summary>
    public static TensorElementType Of<T>() where T : unmanaged => Cache<T>.Value;

    private static TensorElementType Lookup(Type type) => type switch
    {
        _ when type == typeof(float) => TensorElementType.Float,
        _ when type == typeof(Half) => TensorElementType.Float16,
        _ when type == typeof(double) => TensorElementType.Double,
        _ when type == typeof(sbyte) => TensorElementType.Int8,
        _ when type == typeof(byte) => TensorElementType.UInt8,
        _ when type == typeof(short) => TensorElementType.Int16,
        _ when type == typeof(ushort) => TensorElementType.UInt16,
        _ when type == typeof(int) => TensorElementType.Int32,
        _ when type == typeof(uint) => TensorElementType.UInt32,
        _ when type == typeof(long) => TensorElementType.Int64,
        _ when type == typeof(ulong) => TensorElementType.UInt64,
        _ when type == typeof(bool) => TensorElementType.Bool,
        _ => throw new NotSupportedException($"{type} is not a tensor element type SparseCompile supports."),
    };

    private static class Cache<T> where T : unmanaged
    {
        public static readonly TensorElementType Value = Lookup(typeof(T));
    }
}
