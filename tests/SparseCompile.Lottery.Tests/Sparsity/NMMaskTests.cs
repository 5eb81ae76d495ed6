using SparseCompile.Compiler.Analysis;
using SparseCompile.Lottery.Export;
using SparseCompile.Lottery.Sparsity;
using SparseCompile.Lottery.Tests.Support;
using SparseCompile.Lottery.Training;

namespace SparseCompile.Lottery.Tests.Sparsity;

public sealed class NMMaskTests
{
    [Fact]
    public void Two_four_runs_along_the_input_features_of_each_output_unit()
    {
        var weights = TestData.RandomWeights([16, 12, 8], 21);
        var mask = NetworkMask.Dense(weights);
        var nm = NMMask.Restructure(mask, weights, NMPattern.TwoFour);
        bool someOutputGroupDense = false;
        for (int l = 0; l < nm.Layers.Count; l++)
        {
            var layer = nm.Layers[l];
            var w = weights.Layers[l].Weight;
            for (int o = 0; o < layer.Outputs; o++)
            {
                for (int g = 0; g < layer.Inputs; g += 4)
                {
                    var group = Enumerable.Range(g, 4).Select(i => (o * layer.Inputs) + i).ToArray();
                    Assert.Equal(2, group.Count(i => !layer.Keep[i]));
                    // The kept two are the largest |w| of the group.
                    var expected = group.OrderByDescending(i => Math.Abs(w[i])).Take(2).Order();
                    Assert.Equal(expected, group.Where(i => layer.Keep[i]));
                }
            }

            // Along the other axis (4 consecutive outputs of one input) groups are not restricted: some keep 3 or 4.
            for (int i = 0; i < layer.Inputs && !someOutputGroupDense; i++)
            {
                for (int o = 0; o + 4 <= layer.Outputs; o += 4)
                {
                    someOutputGroupDense |= Enumerable.Range(o, 4).Count(r => layer.Keep[(r * layer.Inputs) + i]) > 2;
                }
            }
        }

        Assert.True(someOutputGroupDense);
    }

    [Fact]
    public void Restructured_mask_is_a_subset_of_the_ticket()
    {
        var weights = TestData.RandomWeights([16, 8], 2);
        var ticket = TestData.RandomMask(weights, 0.4, 3);
        var nm = NMMask.Restructure(ticket, weights, NMPattern.TwoFour);
        var t = ticket.Layers[0].Keep;
        var n = nm.Layers[0].Keep;
        Assert.All(Enumerable.Range(0, n.Length), i => Assert.False(n[i] && !t[i]));
        for (int g = 0; g < n.Length; g += 4)
        {
            Assert.True(n.Skip(g).Take(4).Count(k => k) <= 2);
            Assert.Equal(Math.Min(2, t.Skip(g).Take(4).Count(k => k)), n.Skip(g).Take(4).Count(k => k));
        }
    }

    [Fact]
    public void Exported_mask_is_two_four_along_axis_0_of_the_onnx_weight()
    {
        var weights = TestData.RandomWeights([16, 12], 8);
        var nm = NMMask.Restructure(NetworkMask.Dense(weights), weights, NMPattern.TwoFour);
        var onnxLayout = TicketExporter.Transpose(nm.Layers[0].Keep, 12, 16); // [in 16, out 12]
        for (int o = 0; o < 12; o++)
        {
            for (int g = 0; g < 16; g += 4)
            {
                Assert.Equal(2, Enumerable.Range(g, 4).Count(i => onnxLayout[(i * 12) + o]));
            }
        }
    }

    [Fact]
    public void Input_count_not_divisible_by_m_is_a_clear_error()
    {
        var weights = TestData.RandomWeights([10, 4], 1);
        var e = Assert.Throws<ArgumentException>(() => NMMask.Restructure(NetworkMask.Dense(weights), weights, NMPattern.TwoFour));
        Assert.Contains("fc1", e.Message);
    }
}
