package sadtalker.coeff;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import sadtalker.checkpoint.Params;

/**
 * Port of {@code src/audio2pose_models/audio2pose.py::Audio2Pose.test} (SadTalker cd4c046): head
 * pose from audio with a CVAE decoder, in windows of 32 frames. Keys as in the checkpoint under
 * {@code audio2pose.}: {@code audio_encoder.audio_encoder.*}, {@code netG.decoder.*}; the CVAE
 * encoder ({@code netG.encoder.*}) and the discriminator ({@code netD_motion.*}) are training only.
 *
 * <p>Frame 0 is the reference (its motion is exactly 0); frames 1…T−1 are cut into full windows
 * of 32, and a remainder is predicted from the <em>last</em> 32 frames (front-padded by repeating
 * the first embedding when there are fewer), keeping only its last {@code re} rows. One latent
 * draw per window, full windows first.
 */
public final class Audio2Pose {
    private final Audio2PoseConfig cfg;
    private final AudioEncoder audioEncoder;     // audio_encoder
    private final CvaeDecoder decoder;           // netG.decoder

    public Audio2Pose(Params p, Audio2PoseConfig cfg) {
        this.cfg = cfg;
        audioEncoder = new AudioEncoder(p.sub("audio_encoder"));
        decoder = new CvaeDecoder(p.sub("netG").sub("decoder"), cfg);
    }

    /** Number of latent draws {@link #test} makes for {@code numFrames} frames. */
    public int draws(int numFrames) {
        int n = numFrames - 1;
        return n / cfg.seqLen() + (n % cfg.seqLen() != 0 ? 1 : 0);
    }

    /**
     * @param indivMels {@code (1, T, 1, 80, 16)}
     * @param ref {@code (1, T, 70)}; only {@code ref[:, 0, 64:70]} is used
     * @param classId pose style, 0 … numClasses − 1
     * @param noise the latent source, asked {@link #draws(int)} times
     * @return {@code pose_pred (1, T, 6)}
     */
    public NDArray test(NDArray indivMels, NDArray ref, int classId, LatentNoise noise) {
        if (classId < 0 || classId >= cfg.numClasses()) {
            throw new IllegalArgumentException("pose style " + classId + " is outside 0…" + (cfg.numClasses() - 1));
        }
        int numFrames = (int) indivMels.getShape().get(1);
        int seq = cfg.seqLen();
        try (NDManager scope = indivMels.getManager().newSubManager()) {
            scope.tempAttachAll(indivMels, ref);
            NDArray refPose = ref.get(new NDIndex(":, 0, -6:"));                       // (1, 6)
            NDArray mels = indivMels.get(new NDIndex(":, 1:"));                        // (1, T-1, 1, 80, 16)
            int n = numFrames - 1;
            int div = n / seq;
            int re = n % seq;
            List<NDArray> motion = new ArrayList<>();
            motion.add(scope.zeros(new Shape(1, 1, 6)));
            for (int i = 0; i < div; i++) {
                NDArray z = latent(scope, noise);
                NDArray emb = audioEncoder.forward(mels.get(new NDIndex(":, {}:{}", i * seq, (i + 1) * seq)));
                motion.add(decoder.forward(z, classId, refPose, emb));
            }
            if (re != 0) {
                NDArray z = latent(scope, noise);
                NDArray emb = audioEncoder.forward(mels.get(new NDIndex(":, {}:", Math.max(0, n - seq))));
                long have = emb.getShape().get(1);
                if (have != seq) {
                    NDArray pad = emb.get(new NDIndex(":, :1")).repeat(1, seq - have);   // copies of the first row
                    emb = NDArrays.concat(new NDList(pad, emb), 1);
                }
                NDArray pred = decoder.forward(z, classId, refPose, emb);
                motion.add(pred.get(new NDIndex(":, {}:", seq - re)));
            }
            NDArray poseMotion = NDArrays.concat(new NDList(motion), 1);                 // (1, T, 6)
            NDArray posePred = poseMotion.add(ref.get(new NDIndex(":, :1, -6:")));
            return scope.ret(posePred);
        }
    }

    private NDArray latent(NDManager scope, LatentNoise noise) {
        return scope.create(noise.next(cfg.latentSize()), new Shape(1, cfg.latentSize()));
    }
}
