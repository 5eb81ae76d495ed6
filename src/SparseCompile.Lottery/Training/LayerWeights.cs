namespace SparseCompile.Lottery.Training;

/// <summary>
/// The values of one fully connected layer in TorchSharp's layout: <see cref="Weight"/> is [outputs, inputs]
/// row-major (the reduction axis, the input features, is axis 1), <see cref="Bias"/> has one value per output.
/// </summary>
/// <param name="Name">The layer's name (fc1, fc2, ...).</param>
/// <param name="Outputs">Output features.</param>
/// <param name="Inputs">Input features.</param>
/// <param name="Weight">outputs × inputs values, row-major.</param>
/// <param name="Bias">outputs values.</param>
public sealed record LayerWeights(string Name, int Outputs, int Inputs, float[] Weight, float[] Bias);
