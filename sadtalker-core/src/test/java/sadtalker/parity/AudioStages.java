package sadtalker.parity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import sadtalker.audio.AudioHParams;
import sadtalker.audio.LoadWav;
import sadtalker.audio.MelSpectrogram;
import sadtalker.audio.MelWindows;

/** Stages of the audio area: {@code audio.*} (decoding, mel) and {@code audio2coeff.*} (networks, smoothing). */
final class AudioStages {
    private AudioStages() {}

    static void register(StageRegistry r) {
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
