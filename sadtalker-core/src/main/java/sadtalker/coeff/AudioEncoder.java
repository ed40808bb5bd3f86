package sadtalker.coeff;

import ai.djl.ndarray.NDArray;
import java.util.List;
import sadtalker.checkpoint.Params;

/**
 * Port of {@code src/audio2pose_models/audio_encoder.py::AudioEncoder}: the Wav2Lip audio
 * encoder ({@code audio_encoder.*}) applied to every frame of a sequence.
 */
final class AudioEncoder {
    private final List<Conv2d> audioEncoder;     // audio_encoder

    AudioEncoder(Params p) {
        audioEncoder = Conv2d.wav2LipEncoder(p.sub("audio_encoder"));
    }

    /**
     * @param audioSequences {@code (1, T, 1, 80, 16)}
     * @return {@code (1, T, 512)}
     */
    NDArray forward(NDArray audioSequences) {
        var s = audioSequences.getShape();
        if (s.get(0) != 1) {
            // The original stacks frames time-major (cat over T), which only keeps frames apart for batch 1.
            throw new IllegalArgumentException("AudioEncoder runs with batch 1 as in inference, got " + s);
        }
        NDArray frames = audioSequences.reshape(s.get(1), s.get(2), s.get(3), s.get(4));
        NDArray emb = Conv2d.forwardAll(audioEncoder, frames);           // (T, 512, 1, 1)
        return emb.reshape(1, s.get(1), emb.getShape().get(1));
    }
}
