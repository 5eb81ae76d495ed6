using System.Buffers;
using Microsoft.ML.OnnxRuntime;

namespace SparseCompile.Runtime;

/// <summary>
/// One run of a model on caller memory: add the inputs (pinned, not copied), <see cref="Execute"/>, then copy
/// each output into a <see cref="ModelTensor{T}"/>. Dispose it to unpin the inputs and release the native outputs.
/// Generated wrappers use it for their <c>Run</c> and <c>RunAsync</c> methods.
/// </summary>
public sealed class ModelRun : IDisposable
{
    private readonly SparseModelSession session;
    private readonly List<string> inputNames = [];
    private readonly List<OrtValue> inputValues = [];
    private readonly List<MemoryHandle> pins = [];
    private IDisposableReadOnlyCollection<OrtValue>? outputs;
    private IReadOnlyList<string> outputNames = [];

    /// <summary>Starts a run on <paramref name="session"/>.</summary>
    public ModelRun(SparseModelSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        this.session = session;
    }

    /// <summary>
    /// Adds input <paramref name="name"/> with <paramref name="shape"/>, after checking (see <see cref="TensorShapes.Require"/>)
    /// that <paramref name="data"/> holds exactly the elements of the shape.
    /// </summary>
    /// <exception cref="ArgumentException">The data does not fit the shape; the message names the input and the shape.</exception>
    public unsafe void AddInput<T>(string name, ReadOnlyMemory<T> data, long[] shape, string?[] dimNames) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(dimNames);
        TensorShapes.Require(name, data.Length, shape, dimNames);
        var pin = data.Pin();
        try
        {
            var value = OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, TensorElementTypes.Of<T>(), shape,
                (IntPtr)pin.Pointer, (long)data.Length * sizeof(T));
            inputValues.Add(value);
        }
        catch
        {
            pin.Dispose();
            throw;
        }

        pins.Add(pin);
        inputNames.Add(name);
    }

    /// <summary>Runs the model and keeps <paramref name="outputNames"/>, in that order, for <see cref="Output{T}"/>.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before or during the run.</exception>
    public void Execute(IReadOnlyList<string> outputNames, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outputNames);
        if (outputs is not null)
        {
            throw new InvalidOperationException("This run has already executed.");
        }

        outputs = session.Run(inputNames, inputValues, (IReadOnlyCollection<string>)outputNames, cancellationToken);
        this.outputNames = outputNames;
    }

    /// <summary>Copies output number <paramref name="index"/> (in the order given to <see cref="Execute"/>) into managed memory.</summary>
    /// <exception cref="InvalidOperationException">The run has not executed, or the output's element type is not <typeparamref name="T"/>.</exception>
    public ModelTensor<T> Output<T>(int index) where T : unmanaged
    {
        if (outputs is null)
        {
            throw new InvalidOperationException("Execute the run before reading its outputs.");
        }

        var value = outputs.ElementAt(index);
        var info = value.GetTensorTypeAndShape();
        if (info.ElementDataType != TensorElementTypes.Of<T>())
        {
            throw new InvalidOperationException($"{outputNames[index]}: the model returned {info.ElementDataType} elements, not {typeof(T).Name}.");
        }

        var elements = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(value.GetTensorMutableRawData());
        return new ModelTensor<T>(elements.ToArray(), info.Shape);
    }

    /// <summary>Releases the native outputs and unpins the inputs.</summary>
    public void Dispose()
    {
        outputs?.Dispose();
        foreach (var value in inputValues)
        {
            value.Dispose();
        }

        foreach (var pin in pins)
        {
            pin.Dispose();
        }

        inputValues.Clear();
        pins.Clear();
    }
}
