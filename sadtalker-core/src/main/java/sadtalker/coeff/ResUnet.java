package sadtalker.coeff;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import sadtalker.checkpoint.Params;
import sadtalker.nn.BatchNorm;
import sadtalker.nn.Conv;

/**
 * Port of {@code src/audio2pose_models/res_unet.py::ResUnet} (channel 1, filters 32/64/128/256):
 * a residual U-Net over (time, pose value) that halves only the time axis, 32 → 16 → 8 → 4 and
 * back; skips are concatenated as {@code [upsampled, skip]}; sigmoid output.
 * Input and output {@code (B, 1, 32, 6)}.
 */
final class ResUnet {
    private static final long[] F = {32, 64, 128, 256};

    private final Conv inputLayer0;          // input_layer.0
    private final BatchNorm inputLayer1;     // input_layer.1
    private final Conv inputLayer3;          // input_layer.3
    private final Conv inputSkip0;           // input_skip.0
    private final ResidualConv residualConv1;
    private final ResidualConv residualConv2;
    private final ResidualConv bridge;
    private final Upsample upsample1;
    private final ResidualConv upResidualConv1;
    private final Upsample upsample2;
    private final ResidualConv upResidualConv2;
    private final Upsample upsample3;
    private final ResidualConv upResidualConv3;
    private final Conv outputLayer0;         // output_layer.0 (1×1), then Sigmoid

    ResUnet(Params p) {
        inputLayer0 = ResidualConv.conv3x3(p.sub("input_layer").sub("0"), 1, F[0], 1);
        inputLayer1 = BatchNorm.load(p.sub("input_layer").sub("1"), F[0]);
        inputLayer3 = ResidualConv.conv3x3(p.sub("input_layer").sub("3"), F[0], F[0], 1);
        inputSkip0 = ResidualConv.conv3x3(p.sub("input_skip").sub("0"), 1, F[0], 1);
        residualConv1 = new ResidualConv(p.sub("residual_conv_1"), F[0], F[1], 2);
        residualConv2 = new ResidualConv(p.sub("residual_conv_2"), F[1], F[2], 2);
        bridge = new ResidualConv(p.sub("bridge"), F[2], F[3], 2);
        upsample1 = new Upsample(p.sub("upsample_1"), F[3], F[3]);
        upResidualConv1 = new ResidualConv(p.sub("up_residual_conv1"), F[3] + F[2], F[2], 1);
        upsample2 = new Upsample(p.sub("upsample_2"), F[2], F[2]);
        upResidualConv2 = new ResidualConv(p.sub("up_residual_conv2"), F[2] + F[1], F[1], 1);
        upsample3 = new Upsample(p.sub("upsample_3"), F[1], F[1]);
        upResidualConv3 = new ResidualConv(p.sub("up_residual_conv3"), F[1] + F[0], F[0], 1);
        Params o = p.sub("output_layer").sub("0");
        outputLayer0 = new Conv(o.tensor("weight", 1, F[0], 1, 1), o.tensor("bias", 1), new long[] {1, 1},
                new long[] {0, 0}, new long[] {1, 1}, 1);
    }

    NDArray forward(NDArray x) {
        // Encode
        NDArray h = inputLayer1.forward(inputLayer0.forward(x)).getNDArrayInternal().relu();
        NDArray x1 = inputLayer3.forward(h).add(inputSkip0.forward(x));   // (B, 32, 32, 6)
        NDArray x2 = residualConv1.forward(x1);                             // (B, 64, 16, 6)
        NDArray x3 = residualConv2.forward(x2);                             // (B, 128, 8, 6)
        // Bridge
        NDArray x4 = bridge.forward(x3);                                    // (B, 256, 4, 6)
        // Decode
        x4 = upsample1.forward(x4);                                         // (B, 256, 8, 6)
        NDArray x5 = NDArrays.concat(new NDList(x4, x3), 1);
        NDArray x6 = upResidualConv1.forward(x5);                           // (B, 128, 8, 6)
        x6 = upsample2.forward(x6);
        NDArray x7 = NDArrays.concat(new NDList(x6, x2), 1);
        NDArray x8 = upResidualConv2.forward(x7);                           // (B, 64, 16, 6)
        x8 = upsample3.forward(x8);
        NDArray x9 = NDArrays.concat(new NDList(x8, x1), 1);
        NDArray x10 = upResidualConv3.forward(x9);                          // (B, 32, 32, 6)
        return outputLayer0.forward(x10).getNDArrayInternal().sigmoid();    // (B, 1, 32, 6)
    }
}
