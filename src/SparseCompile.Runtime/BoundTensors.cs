using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace SparseCompile.Runtime;

/// <summary>
/// Native buffers for every input and output of a fixed-shape model, wrapped in ONNX Runtime values and bound once
/// to an I/O binding. Writing, running and reading allocate no managed memory. One instance serves one thread at a
/// time; take it from <see cref="StaticShapeRunner.Rent"/> and give it back with <see cref="StaticShapeRunner.Return"/>.
/// </summary>
public sealed unsafe class BoundTensors : IDisposable
{
    private readonly SparseModelSession session;
    private readonly TensorBinding[] inputs;
    private readonly TensorBinding[] outputs;
    private readonly IntPtr[] inputBuffers;
    private readonly IntPtr[] outputBuffers;
    private readonly List<OrtValue> values = [];
    private readonly OrtIoBinding binding;
    private bool disposed;

    internal BoundTensors(SparseModelSession session, TensorBinding[] inputs, TensorBinding[] outputs)
    {
        this.session = session;
        this.inputs = inputs;
        this.outputs = outputs;
        inputBuffers = new IntPtr[inputs.Length];
        outputBuffers = new IntPtr[outputs.Length];
        binding = session.CreateIoBinding();
        try
        {
            for (int i = 0; i < inputs.Length; i++)
            {
                inputBuffers[i] = Allocate(inputs[i]);
                binding.BindInput(inputs[i].Name, values[^1]);
            }

            for (int i = 0; i < outputs.Length; i++)
            {
                outputBuffers[i] = Allocate(outputs[i]);
                binding.BindOutput(outputs[i].Name, values[^1]);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Copies <paramref name="data"/> into input number <paramref name="input"/>'s native buffer.</summary>
    /// <exception cref="ArgumentException">The length or element type does not match; the message names the input and its shape.</exception>
    public void Write<T>(int input, ReadOnlySpan<T> data) where T : unmanaged
    {
        var tensor = Check<T>(inputs, input, data.Length);
        data.CopyTo(new Span<T>((void*)inputBuffers[input], tensor.Length));
    }

    /// <summary>Runs the model on the bound buffers.</summary>
    public void Run()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        session.RunWithBinding(binding);
    }

    /// <summary>Copies output number <paramref name="output"/> from its native buffer into <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">The length or element type does not match; the message names the output and its shape.</exception>
    public void Read<T>(int output, Span<T> destination) where T : unmanaged
    {
        var tensor = Check<T>(outputs, output, destination.Length);
        new ReadOnlySpan<T>((void*)outputBuffers[output], tensor.Length).CopyTo(destination);
    }

    /// <summary>Releases the binding, the values and the native buffers.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        binding.Dispose();
        foreach (var value in values)
        {
            value.Dispose();
        }

        Free(inputBuffers);
        Free(outputBuffers);
    }

    private TensorBinding Check<T>(TensorBinding[] tensors, int index, int length) where T : unmanaged
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var tensor = tensors[index];
        if (tensor.ClrType != typeof(T))
        {
            throw new ArgumentException($"{tensor.Name}: expected {tensor.ClrType.Name} elements, got {typeof(T).Name}.", tensor.Name);
        }

        if (length != tensor.Length)
        {
            throw new ArgumentException($"{tensor.Name}: expected {TensorShapes.Describe(tensor.ShapeArray, [])} = {tensor.Length} elements, got {length}.", tensor.Name);
        }

        return tensor;
    }

    private IntPtr Allocate(TensorBinding tensor)
    {
        nuint bytes = (nuint)tensor.Length * (nuint)tensor.ElementSize;
        var buffer = (IntPtr)NativeMemory.AlignedAlloc(bytes, 64);
        NativeMemory.Clear((void*)buffer, bytes);
        try
        {
            values.Add(OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, tensor.ElementType, tensor.ShapeArray, buffer, (long)bytes));
        }
        catch
        {
            NativeMemory.AlignedFree((void*)buffer);
            throw;
        }

        return buffer;
    }

    private static void Free(IntPtr[] buffers)
    {
        for (int i = 0; i < buffers.Length; i++)
        {
            if (buffers[i] != IntPtr.Zero)
            {
                NativeMemory.AlignedFree((void*)buffers[i]);
                buffers[i] = IntPtr.Zero;
            }
        }
    }
}
