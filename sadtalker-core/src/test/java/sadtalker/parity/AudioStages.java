package sadtalker.parity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import sadtalker.audio.AudioHParams;
import sadtalker.audio.LoadWav;
import sadtalker.audio.MelSpectrogram;
import sadtalker.audio.MelWindows;
import sadtalker.coeff.Audio2Exp;
import sadtalker.coeff.Audio2Pose;
import sadtalker.coeff.Audio2PoseConfig;
import sadtalker.coeff.BlinkSequence;
import sadtalker.coeff.LatentNoise;
import sadtalker.coeff.RefPose;
import sadtalker.coeff.SavitzkyGolay;
import sadtalker.coeff.SimpleWrapperV2;

/** Stages of the audio area: {@code audio.*} (decoding, mel) and {@code audio2coeff.*} (networks, smoothing). */
final class AudioStages {
    private AudioStages() {}

    static void register(StageRegistry r) {
        registerCoeff(r);
        r.register("audio.melspectrogram", (c, m) -> {
            MelSpectrogram mel = new MelSpectrogram(hparams(c.config()));
            float[][] out = mel.compute(c.input("wav").toFloatArray());
            return Map.of("mel", create(m, flatten(out), out.length, out[0].length));
        });
        r.register("audio.indiv_mels", (c, m) -> {
            MelSpectrogram mel = new MelSpectrogram(hparams(c.config()));
            MelWindows w = MelWindows.of(c.input("wav").toFloatArray(), mel);
            return Map.of("indiv_mels", create(m, w.values(), w.numFrames(), w.numMels(), w.steps()),
                    "num_frames", m.create(new long[] {w.numFrames()}));
        });
        r.register("audio.load_wav", (c, m) -> {
            JsonNode cfg = c.config();
            if (!cfg.path("res_type").asText().equals("kaiser_best") || !cfg.path("mono").asBoolean()) {
                throw new IllegalArgumentException("load_wav config " + cfg + " is not the kaiser_best mono load ported");
            }
            long[] shape = c.input("samples").shape();      // (frames, channels)
            float[] interleaved = c.input("samples").toFloatArray();
            int rate = (int) c.input("sample_rate").toLongArray()[0];
            float[] mono = LoadWav.toMono(interleaved, (int) shape[1]);
            float[] wav = LoadWav.resample(mono, rate, cfg.path("target_sr").asInt());
            return Map.of("wav", create(m, wav, wav.length));
        });
    }

    static void registerCoeff(StageRegistry r) {
        r.register("audio2coeff.audio2exp", (c, m) -> {
            if (!c.config().path("network").asText().equals("SimpleWrapperV2") || c.config().path("chunk").asInt() != 10) {
                throw new IllegalArgumentException("audio2exp config " + c.config() + " is not the one ported");
            }
            Audio2Exp net = new Audio2Exp(new SimpleWrapperV2(c.params(m)));
            NDArray out = net.test(c.input("indiv_mels", m), c.input("ref", m), c.input("ratio_gt", m));
            return Map.of("exp_coeff_pred", out);
        });
        r.register("audio2coeff.audio2pose", (c, m) -> {
            var cfg = c.config();
            Audio2PoseConfig pc = Audio2PoseConfig.SADTALKER;
            if (cfg.path("seq_len").asInt() != pc.seqLen() || cfg.path("latent").asInt() != pc.latentSize()) {
                throw new IllegalArgumentException("audio2pose config " + cfg + " is not SadTalker's");
            }
            Audio2Pose net = new Audio2Pose(c.params(m), pc);
            NDArray mels = c.input("indiv_mels", m);
            int numFrames = (int) c.input("num_frames").toLongArray()[0];
            if (numFrames != mels.getShape().get(1)) {
                throw new IllegalArgumentException("num_frames " + numFrames + " != mel frames " + mels.getShape());
            }
            float[] noise = c.input("noise").toFloatArray();
            int k = (int) c.input("noise").shape()[0];
            if (k != net.draws(numFrames)) {
                throw new IllegalStateException(k + " recorded draws, the port makes " + net.draws(numFrames));
            }
            List<float[]> draws = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                draws.add(java.util.Arrays.copyOfRange(noise, i * pc.latentSize(), (i + 1) * pc.latentSize()));
            }
            int classId = (int) c.input("class_id").toLongArray()[0];
            NDArray out = net.test(mels, c.input("ref", m), classId, LatentNoise.replay(draws));
            return Map.of("pose_pred", out);
        });
        r.register("audio2coeff.savgol", (c, m) -> {
            var cfg = c.config();
            if (cfg.path("window").asInt() != SavitzkyGolay.WINDOW || cfg.path("polyorder").asInt() != SavitzkyGolay.ORDER
                    || !cfg.path("mode").asText().equals("interp") || cfg.path("axis").asInt() != 1) {
                throw new IllegalArgumentException("savgol config " + cfg + " is not the one ported");
            }
            long[] shape = c.input("pose").shape();          // (1, T, 6)
            float[][] pose = rows(c.input("pose").toFloatArray(), (int) shape[1], (int) shape[2]);
            return Map.of("pose_smoothed", create(m, flatten(SavitzkyGolay.smooth(pose)), shape));
        });
        r.register("audio2coeff.refpose", (c, m) -> {
            long[] cs = c.input("coeffs").shape();
            long[] rs = c.input("ref_coeff").shape();
            float[][] coeffs = rows(c.input("coeffs").toFloatArray(), (int) cs[0], (int) cs[1]);
            float[][] ref = rows(c.input("ref_coeff").toFloatArray(), (int) rs[0], (int) rs[1]);
            return Map.of("coeffs", create(m, flatten(RefPose.apply(coeffs, ref)), cs));
        });
        r.register("audio2coeff.blink", (c, m) -> {
            int t = (int) c.input("num_frames").toLongArray()[0];
            return Map.of("ratio", create(m, BlinkSequence.deterministic(t), t, 1));
        });
    }

    static float[][] rows(float[] flat, int n, int cols) {
        float[][] out = new float[n][cols];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * cols, out[i], 0, cols);
        }
        return out;
    }

    /** The hparams the case states, checked against the port's: a case asking for others must fail. */
    static AudioHParams hparams(JsonNode cfg) {
        AudioHParams hp = new AudioHParams(cfg.path("sample_rate").asInt(), cfg.path("n_fft").asInt(),
                cfg.path("hop_size").asInt(), cfg.path("win_size").asInt(), cfg.path("num_mels").asInt(),
                cfg.path("fmin").asDouble(), cfg.path("fmax").asDouble(), cfg.path("preemphasis").asDouble(),
                cfg.path("min_level_db").asDouble(), cfg.path("ref_level_db").asDouble(),
                cfg.path("max_abs_value").asDouble(), cfg.path("fps").asInt(25),
                cfg.path("syncnet_mel_step_size").asInt(16));
        if (!cfg.path("allow_clipping_in_normalization").asBoolean() || !cfg.path("symmetric_mels").asBoolean()
                || cfg.path("mel_htk").asBoolean() || !cfg.path("mel_norm").asText().equals("slaney")
                || !cfg.path("stft_center").asBoolean() || !cfg.path("stft_pad_mode").asText().equals("constant")
                || !cfg.path("window").asText().equals("hann(periodic)")) {
            throw new IllegalArgumentException("mel config " + cfg + " is not the variant ported");
        }
        return hp;
    }

    static float[] flatten(float[][] a) {
        int cols = a[0].length;
        float[] out = new float[a.length * cols];
        for (int i = 0; i < a.length; i++) {
            System.arraycopy(a[i], 0, out, i * cols, cols);
        }
        return out;
    }

    static NDArray create(NDManager m, float[] values, long... shape) {
        return m.create(values, new Shape(shape));
    }
}
