package sadtalker.coeff;

import ai.djl.ndarray.NDArray;
import sadtalker.checkpoint.Params;
import sadtalker.nn.Conv;

/**
 * Port of {@code src/audio2pose_models/networks.py::Upsample}: {@code ConvTranspose2d} with
 * kernel = stride = (2, 1), which doubles the time axis; weight {@code (in, out, 2, 1)}, bias.
 *
 * <p>DJL's PyTorch engine does not implement transposed convolution, and with kernel = stride the
 * output taps never overlap: {@code out[n, o, 2h + k, w] = Σ_c x[n, c, h, w]·W[c, o, k] + b[o]}.
 * So it runs as one 1×1 convolution to {@code 2·out} channels (channel {@code k·out + o}) followed
 * by interleaving the two taps along time.
 */
final class Upsample {
    private final long out;
    private final Conv taps;             // from upsample.weight, rearranged to (2·out, in, 1, 1)
    private final NDArray bias;          // upsample.bias, (1, out, 1, 1)

    Upsample(Params p, long in, long out) {
        Params u = p.sub("upsample");
        NDArray weight = u.tensor("weight", in, out, 2, 1);
        NDArray w = weight.reshape(in, out, 2).transpose(2, 1, 0).reshape(2 * out, in, 1, 1);
        this.out = out;
        this.taps = new Conv(w, null, new long[] {1, 1}, new long[] {0, 0}, new long[] {1, 1}, 1);
        this.bias = u.tensor("bias", out).reshape(1, out, 1, 1);
        weight.close();
    }

    /** {@code (N, in, H, W)} → {@code (N, out, 2H, W)}. */
    NDArray forward(NDArray x) {
        var s = x.getShape();
        long n = s.get(0);
        long h = s.get(2);
        long w = s.get(3);
        NDArray y = taps.forward(x).reshape(n, 2, out, h, w);            // [n, k, o, h, w]
        NDArray interleaved = y.transpose(0, 2, 3, 1, 4).reshape(n, out, 2 * h, w);
        return interleaved.add(bias);
    }
}
