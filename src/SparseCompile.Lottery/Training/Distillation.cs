using static TorchSharp.torch;

namespace SparseCompile.Lottery.Training;

/// <summary>
/// Knowledge distillation from a teacher network: loss = α · T² · KL(softmax(t/T) ‖ softmax(s/T)) + (1 − α) · CE(s, y),
/// the KL summed over classes and averaged over the batch (Hinton et al. 2015).
/// </summary>
/// <param name="Teacher">The network whose softened outputs the student matches (not trained).</param>
/// <param name="Temperature">T, at least 1 in practice. Default 4.</param>
/// <param name="Alpha">The weight of the distillation term, in [0, 1]. Default 0.5.</param>
public sealed record Distillation(MaskedNetwork Teacher, double Temperature = 4, double Alpha = 0.5)
{
    /// <summary>The mixed loss for a batch.</summary>
    /// <param name="studentLogits">The student's logits [batch, classes].</param>
    /// <param name="teacherLogits">The teacher's logits [batch, classes] (no gradient needed).</param>
    /// <param name="labels">The class indices [batch].</param>
    /// <param name="temperature">T.</param>
    /// <param name="alpha">α.</param>
    public static Tensor Loss(Tensor studentLogits, Tensor teacherLogits, Tensor labels, double temperature, double alpha)
    {
        ArgumentNullException.ThrowIfNull(studentLogits);
        ArgumentNullException.ThrowIfNull(teacherLogits);
        var logStudent = nn.functional.log_softmax(studentLogits / temperature, 1);
        var logTeacher = nn.functional.log_softmax(teacherLogits.detach() / temperature, 1);
        var kl = (logTeacher.exp() * (logTeacher - logStudent)).sum(1).mean();
        var hard = nn.functional.cross_entropy(studentLogits, labels);
        return (kl * (alpha * temperature * temperature)) + (hard * (1 - alpha));
    }

    /// <exception cref="ArgumentOutOfRangeException">T is not positive or α is outside [0, 1].</exception>
    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Teacher, nameof(Teacher));
        if (!(Temperature > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(Temperature), Temperature, "the temperature must be positive");
        }

        if (!(Alpha >= 0 && Alpha <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "alpha must be in [0, 1]");
        }
    }
}
