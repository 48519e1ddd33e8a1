using ModelZooBridge.Torch;
using ModelZooBridge.Torch.Nn;
using ModelZooBridge.Torch.Optim;

namespace ModelZooBridge.Tests;

/// <summary>Adam and SGD reproduce torch.optim step by step; learning rate and state are reachable for schedules and checkpoints.</summary>
[Collection(TorchCollection.Name)]
[Trait("Area", "Torch")]
public sealed class OptimizerTests
{
    private static readonly float[] Start = [0.5f, -1.5f, 2.0f, 0.25f, -0.75f, 1.0f];
    private static readonly float[] Data = [1.0f, 2.0f, -1.0f, 0.5f, 3.0f, -2.0f];


    [Fact]
    public void AdamMatchesTorchOptimAdamOverFourStepsWithWeightDecayAndALearningRateChange()
    {
        using var w = Tensor.FromArray<float>(Start, [2, 3]);
        w.RequiresGrad = true;
        using var adam = new Adam([w], learningRate: 0.1, beta1: 0.8, beta2: 0.9, eps: 1e-6, weightDecay: 0.01);
        Train(adam, w);
        var expected = TorchOptim("torch.optim.Adam([w], lr=0.1, betas=(0.8, 0.9), eps=1e-6, weight_decay=0.01)",
            "opt.state[w]['exp_avg'].flatten(), opt.state[w]['exp_avg_sq'].flatten(), opt.state[w]['step'].reshape(1)");
        using var expAvg = adam.GetState(0, "exp_avg")!;
        using var expAvgSq = adam.GetState(0, "exp_avg_sq")!;
        using var step = adam.GetState(0, "step")!;
        AssertClose(expected, [.. w.ToArray<float>(), .. expAvg.ToArray<float>(), .. expAvgSq.ToArray<float>(), (float)step.Item()]);
    }

    [Fact]
    public void SgdWithNesterovMomentumMatchesTorchOptimSgd()
    {
        using var w = Tensor.FromArray<float>(Start, [2, 3]);
        w.RequiresGrad = true;
        using var sgd = new SGD([w], learningRate: 0.02, momentum: 0.9, weightDecay: 0.001, nesterov: true);
        Train(sgd, w);
        var expected = TorchOptim("torch.optim.SGD([w], lr=0.02, momentum=0.9, weight_decay=0.001, nesterov=True)",
            "opt.state[w]['momentum_buffer'].flatten()");
        using var buffer = sgd.GetState(0, "momentum_buffer")!;
        AssertClose(expected, [.. w.ToArray<float>(), .. buffer.ToArray<float>()]);
    }

    [Fact]
    public void RestoredStateContinuesExactlyLikeAnUninterruptedRun() // 2 steps at 0.1, checkpoint, 2 steps at 0.05
    {
        using var straight = Tensor.FromArray<float>(Start, [2, 3]);
        straight.RequiresGrad = true;
        using var adam = new Adam([straight], learningRate: 0.1);
        Train(adam, straight);

        using var resumed = Tensor.FromArray<float>(Start, [2, 3]);
        resumed.RequiresGrad = true;
        using (var first = new Adam([resumed], learningRate: 0.1))
        {
            Train(first, resumed, steps: 2);
            var saved = first.StateNames.ToDictionary(n => n, n => first.GetState(0, n)!.Clone());
            using var second = new Adam([resumed], learningRate: 0.1);
            Assert.Null(second.GetState(0, "exp_avg"));
            foreach (var (name, value) in saved)
            {
                second.SetState(0, name, value);
                value.Dispose();
            }
            second.LearningRate = 0.05;
            Train(second, resumed, steps: 2);
        }
        Assert.Equal(straight.ToArray<float>(), resumed.ToArray<float>());
    }

    [Fact]
    public void BadStateNamesAndParameterIndicesAreTorchErrors()
    {
        using var w = Tensor.Ones([3]);
        w.RequiresGrad = true;
        using var adam = new Adam([w]);
        Assert.Contains("no state named 'momentum_buffer'", Assert.Throws<TorchException>(() => adam.GetState(0, "momentum_buffer")).Message);
        Assert.Contains("parameter index 1 out of range", Assert.Throws<TorchException>(() => adam.GetState(1, "exp_avg")).Message);
        using var notLeaf = Tensor.Ones([3]);
        Assert.Contains("not a leaf tensor that requires grad", Assert.Throws<TorchException>(() => new SGD([notLeaf], 0.1)).Message);
        Assert.Contains("invalid learning rate -1", Assert.Throws<TorchException>(() => adam.LearningRate = -1).Message);
    }

    [Fact]
    public void TinyUNetTrainingLoopHalvesItsLoss()
    {
        TorchRuntime.ManualSeed(5);
        using var net = UNet.Create2D(new UNetConfig(Depth: 1, FirstLevelFilters: 4));
        using var images = Tensor.Randn([4, 1, 16, 16]);
        // Label: pixels brighter than zero are foreground; some pixels are unlabelled (ignored).
        var labels = images.ToArray<float>().Select((v, i) => i % 11 == 0 ? Losses.DefaultIgnoreIndex : v > 0 ? 1L : 0L).ToArray();
        using var target = Tensor.FromArray<long>(labels, [4, 16, 16]);
        using var adam = new Adam(net.Parameters(), learningRate: 0.01);
        var losses = new List<double>();
        for (int step = 0; step < 30; step++)
        {
            using var scope = TorchRuntime.NewScope();
            adam.ZeroGrad();
            var logits = net.Forward(images);
            var loss = Losses.CrossEntropy(logits, target) + Losses.SoftDice(logits, target);
            loss.Backward();
            adam.Step();
            losses.Add(loss.Item());
        }
        Assert.InRange(losses[^1], 0, losses[0] / 2);
    }

    // Runs the steps with loss = sum((w * data - 1)^2) + sum(w), halving the learning rate before the third.
    private static void Train(Optimizer optimizer, Tensor w, int steps = 4)
    {
        using var data = Tensor.FromArray<float>(Data, [2, 3]);
        for (int step = 0; step < steps; step++)
        {
            if (step == 2) optimizer.LearningRate /= 2;
            using var scope = TorchRuntime.NewScope();
            optimizer.ZeroGrad();
            var residual = Functional.Scale(w * data, 1, -1);
            var loss = Functional.Sum(residual * residual) + Functional.Sum(w);
            loss.Backward();
            optimizer.Step();
        }
    }

    // torch.optim's run of Train below: 4 steps of loss = sum((w * data - 1)^2) + sum(w), the learning rate halved before
    // the third; returns w followed by the state tensors listed in stateOut.
    private static double[] TorchOptim(string optimizer, string stateOut) => PythonTorch.Run($"""
        w = w.clone().requires_grad_(True)
        opt = {optimizer}
        for step in range(4):
            if step == 2:
                opt.param_groups[0]['lr'] /= 2
            opt.zero_grad()
            loss = ((w * data - 1) ** 2).sum() + w.sum()
            loss.backward()
            opt.step()
        out = torch.cat([w.detach().flatten(), {stateOut}])
        """, ("w", Start, [2, 3]), ("data", Data, [2, 3]));

    private static void AssertClose(double[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < actual.Length; i++) Assert.InRange(Math.Abs(actual[i] - expected[i]), 0, 1e-6);
    }
}
