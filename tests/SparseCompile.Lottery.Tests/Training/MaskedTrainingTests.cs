using SparseCompile.Lottery.Tests.Support;
using SparseCompile.Lottery.Training;
using static TorchSharp.torch;

namespace SparseCompile.Lottery.Tests.Training;

public sealed class MaskedTrainingTests
{
    private static readonly int[] Small = [784, 48, 10];

    [Fact]
    public void Pruned_weights_stay_exactly_zero_through_training()
    {
        using var network = new MaskedNetwork(Small).InitializeGlorot(3);
        var mask = TestData.RandomMask(network.GetWeights(), 0.3, seed: 5);
        network.SetMask(mask);
        var before = network.GetWeights();

        MaskedTrainer.Train(network, TestData.Subset, new TrainingOptions { Iterations = 60, EvaluateEvery = 30 });

        var after = network.GetWeights();
        int changed = 0;
        for (int l = 0; l < after.Layers.Count; l++)
        {
            var keep = mask.Layers[l].Keep;
            for (int i = 0; i < keep.Length; i++)
            {
                if (!keep[i])
                {
                    // Bitwise +0: not -0, not a tiny value.
                    Assert.Equal(0, BitConverter.SingleToInt32Bits(after.Layers[l].Weight[i]));
                }
                else if (after.Layers[l].Weight[i] != before.Layers[l].Weight[i])
                {
                    changed++;
                }
            }
        }

        Assert.True(changed > 1000, $"only {changed} kept weights changed");
        Assert.Equal(mask.ToDictionary()["fc1.weight"], network.GetMask().ToDictionary()["fc1.weight"]);
    }

    [Fact]
    public void Gradients_of_pruned_weights_are_masked()
    {
        using var network = new MaskedNetwork([6, 4, 3]).InitializeGlorot(1);
        var mask = TestData.RandomMask(network.GetWeights(), 0.5, seed: 2);
        network.SetMask(mask);
        using var x = randn(5, 6);
        using var y = tensor(new long[] { 0, 1, 2, 0, 1 });
        using var loss = nn.functional.cross_entropy(network.forward(x), y);
        loss.backward();
        network.MaskGradients();
        var grad = network.Layers[0].Weight.grad!.data<float>().ToArray();
        var keep = mask.Layers[0].Keep;
        Assert.All(Enumerable.Range(0, keep.Length).Where(i => !keep[i]), i => Assert.Equal(0f, grad[i]));
        Assert.Contains(Enumerable.Range(0, keep.Length).Where(i => keep[i]), i => grad[i] != 0f);
    }

    [Fact]
    public void Mask_is_a_registered_buffer_and_Glorot_init_has_the_right_scale()
    {
        using var network = LeNet300100.Create(7);
        Assert.Contains(network.named_buffers(), b => b.name == "fc1.mask");
        Assert.Equal(3, network.parameters().Count(p => p.shape.Length == 2));
        var fc1 = network.GetWeights().Layers[0];
        double std = Math.Sqrt(fc1.Weight.Select(w => (double)w * w).Average());
        Assert.InRange(std, 0.9 * Math.Sqrt(2.0 / (784 + 300)), 1.1 * Math.Sqrt(2.0 / (784 + 300)));
        Assert.All(fc1.Bias, b => Assert.Equal(0f, b));
        Assert.Equal(266_200, network.GetWeights().WeightCount);
    }

    [Fact]
    public void Distillation_loss_reduces_to_its_parts()
    {
        using var student = randn(8, 10);
        using var teacher = randn(8, 10);
        using var labels = tensor(new long[] { 0, 1, 2, 3, 4, 5, 6, 7 });
        using var ce = nn.functional.cross_entropy(student, labels);
        using var hardOnly = Distillation.Loss(student, teacher, labels, 4, 0);
        using var sameTeacher = Distillation.Loss(student, student, labels, 4, 1);
        using var softOnly = Distillation.Loss(student, teacher, labels, 2, 1);
        Assert.Equal(ce.item<float>(), hardOnly.item<float>(), 5);
        Assert.Equal(0f, sameTeacher.item<float>(), 5);
        Assert.True(softOnly.item<float>() > 0);
    }

    [Fact]
    public void State_files_round_trip_and_reject_corruption()
    {
        using var folder = new TempFolder();
        var weights = TestData.RandomWeights([20, 8, 3], 4);
        var mask = TestData.RandomMask(weights, 0.5, 4);
        StateFiles.SaveWeights(folder.Combine("w"), weights);
        StateFiles.SaveMask(folder.Combine("m"), mask);
        var loaded = StateFiles.LoadWeights(folder.Combine("w"));
        Assert.Equal(weights.Layers[1].Weight, loaded.Layers[1].Weight);
        Assert.Equal(weights.Layers[1].Bias, loaded.Layers[1].Bias);
        Assert.Equal(mask.Layers[0].Keep, StateFiles.LoadMask(folder.Combine("m")).Layers[0].Keep);

        var bytes = File.ReadAllBytes(folder.Combine("w"));
        File.WriteAllBytes(folder.Combine("cut"), bytes[..(bytes.Length / 2)]);
        Assert.Contains(folder.Combine("cut"), Assert.Throws<InvalidDataException>(() => StateFiles.LoadWeights(folder.Combine("cut"))).Message);
        Assert.Contains(folder.Combine("w"), Assert.Throws<InvalidDataException>(() => StateFiles.LoadMask(folder.Combine("w"))).Message);
    }
}
