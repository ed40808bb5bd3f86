package sadtalker.coeff;

import java.util.random.RandomGenerator;

/**
 * The eye-blink ratio sequences of {@code src/generate_batch.py}, fed to audio2exp as
 * {@code ratio_gt} (T, 1) in [0, 1].
 */
public final class BlinkSequence {
    private static final float[] SLOW = {0.5f, 0.6f, 0.7f, 0.9f, 1f, 0.9f, 0.7f, 0.6f, 0.5f};
    private static final float[] FAST = {0.5f, 0.9f, 1.0f, 0.9f, 0.5f};

    private BlinkSequence() {}

    /**
     * {@code generate_blink_seq(T)}: 9-frame blinks every 89 frames, the k-th starting at frame
     * {@code 89k − 9}, each only if it ends by frame T − 1. Deterministic.
     */
    public static float[] deterministic(int numFrames) {
        float[] ratio = new float[numFrames];
        int frameId = 0;
        while (frameId < numFrames) {
            int start = 80;
            if (frameId + start + SLOW.length <= numFrames - 1) {
                System.arraycopy(SLOW, 0, ratio, frameId + start, SLOW.length);
                frameId += start + SLOW.length;
            } else {
                break;
            }
        }
        return ratio;
    }

    /**
     * {@code generate_blink_seq_randomly(T)}, which inference uses: for T ≤ 20 no blink; otherwise
     * 5-frame blinks, each after a gap drawn uniformly from {@code [10, min(T/2, 70) − 1]}, as
     * long as the blink ends by frame T − 1.
     *
     * <p>Deviation: for T = 21 the original draws from the empty {@code range(10, 10)} and crashes
     * (IndexError on 0.84–0.88 s of audio); here that range gives no blink.
     */
    public static float[] random(int numFrames, RandomGenerator random) {
        float[] ratio = new float[numFrames];
        if (numFrames <= 20) {
            return ratio;
        }
        int lo = Math.min(10, numFrames);
        int hi = Math.min(numFrames / 2, 70);
        if (hi <= lo) {
            return ratio;
        }
        int frameId = 0;
        while (frameId < numFrames) {
            int start = random.nextInt(lo, hi);
            if (frameId + start + FAST.length <= numFrames - 1) {
                System.arraycopy(FAST, 0, ratio, frameId + start, FAST.length);
                frameId += start + FAST.length;
            } else {
                break;
            }
        }
        return ratio;
    }
}
