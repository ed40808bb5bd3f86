package sadtalker.bench;

import sadtalker.testkit.GeneratedParams;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import sadtalker.audio.AudioDecoder;
import sadtalker.audio.AudioHParams;
import sadtalker.audio.MelSpectrogram;
import sadtalker.audio.MelWindows;
import sadtalker.audio.PcmAudio;
import sadtalker.checkpoint.Params;
import sadtalker.checkpoint.StateDict;
import sadtalker.coeff.AudioToCoeff;
import sadtalker.nn.Torch;
import sadtalker.testkit.SharedData;

/**
 * Throughput of the audio stage, in seconds of audio processed per second of wall time:
 * decoding + mono + kaiser_best resampling to 16 kHz, the mel windows, and audio2exp + audio2pose +
 * smoothing (with generated weights unless a checkpoint is given; the speed is the same).
 *
 * <p>Run (after {@code mvn -o test-compile -pl sadtalker-core} and
 * {@code mvn -o dependency:build-classpath -Dmdep.outputFile=cp.txt -pl sadtalker-core}):
 * {@code java -cp sadtalker-core/target/test-classes:sadtalker-core/target/classes:$(cat sadtalker-core/cp.txt)
 * sadtalker.bench.AudioBenchmark [seconds of audio, default 60] [SadTalker_V0.0.2_256.safetensors]}
 */
public final class AudioBenchmark {
    private AudioBenchmark() {}

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 60;
        Path checkpoint = args.length > 1 ? Path.of(args[1]) : null;
        Path examples = SharedData.dir().resolve("examples");
        Path tmp = Files.createTempDirectory("audio-bench");
        System.out.printf("audio benchmark: %.0f s of speech, %d cores, libtorch %s%n", seconds,
                Runtime.getRuntime().availableProcessors(), Torch.version());

        for (String name : new String[] {"speech_en.wav", "bus_chinese.wav", "speech_en_16k.wav"}) {
            Path looped = loop(AudioDecoder.decodePcm(examples.resolve(name), 600), seconds, tmp.resolve(name));
            AudioDecoder.decode(looped);                                   // warm-up
            long t0 = System.nanoTime();
            float[] wav = AudioDecoder.decode(looped);
            double dt = (System.nanoTime() - t0) / 1e9;
            System.out.printf("decode+resample %-18s %7.1f s audio/s (%.3f s)%n", name, wav.length / 16000.0 / dt, dt);
        }
        float[] wav = AudioDecoder.decode(tmp.resolve("speech_en.wav"));
        double audioSeconds = wav.length / 16000.0;

        MelSpectrogram mel = new MelSpectrogram(AudioHParams.SADTALKER);
        MelWindows.of(wav, mel);
        long t0 = System.nanoTime();
        MelWindows windows = MelWindows.of(wav, mel);
        double dt = (System.nanoTime() - t0) / 1e9;
        System.out.printf("mel windows                        %7.1f s audio/s (%.3f s, T=%d)%n", audioSeconds / dt, dt,
                windows.numFrames());

        float[] source = new float[70];
        try (AudioToCoeff a2c = checkpoint != null ? AudioToCoeff.load(checkpoint, ai.djl.Device.cpu()) : generated()) {
            MelWindows warm = new MelWindows(java.util.Arrays.copyOf(windows.values(), 40 * 80 * 16), 40, 80, 16);
            a2c.generate(warm.values(), source, 0, 1);
            for (int run = 1; run <= 3; run++) {        // the machine is shared: look at the best run
                t0 = System.nanoTime();
                float[][] coeffs = a2c.generate(windows.values(), source, 0, run);
                dt = (System.nanoTime() - t0) / 1e9;
                System.out.printf("audio2exp+audio2pose+savgol #%d     %7.1f s audio/s (%.3f s, %d frames, %s weights)%n",
                        run, audioSeconds / dt, dt, coeffs.length, checkpoint != null ? "checkpoint" : "generated");
            }
        }
        t0 = System.nanoTime();
        try (AudioToCoeff a2c = checkpoint != null ? AudioToCoeff.load(checkpoint, ai.djl.Device.cpu()) : generated()) {
            double load = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            float[] w = AudioDecoder.decode(tmp.resolve("speech_en.wav"));
            a2c.generate(MelWindows.of(w, mel).values(), source, 0, 1);
            dt = (System.nanoTime() - t1) / 1e9;
            System.out.printf("whole stage (file -> coeffs)       %7.1f s audio/s (%.3f s; model load %.2f s not counted)%n",
                    audioSeconds / dt, dt, load);
        }
    }

    private static AudioToCoeff generated() {
        NDManager m = Torch.newCpuManager();
        StateDict none = StateDict.of(Path.of("<generated>"), "", Map.of());
        return AudioToCoeff.of(m, GeneratedParams.of(1, "", none, m), GeneratedParams.of(2, "", none, m));
    }

    /** Writes {@code pcm} repeated to {@code seconds} as a 16-bit WAV at its own rate and channel count. */
    private static Path loop(PcmAudio pcm, double seconds, Path file) throws IOException {
        int frames = (int) (seconds * pcm.sampleRate());
        int ch = pcm.channels();
        ByteBuffer b = ByteBuffer.allocate(44 + frames * ch * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + frames * ch * 2).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) ch).putInt(pcm.sampleRate()).putInt(pcm.sampleRate() * ch * 2)
                .putShort((short) (ch * 2)).putShort((short) 16).put("data".getBytes()).putInt(frames * ch * 2);
        float[] s = pcm.samples();
        for (int i = 0; i < frames * ch; i++) {
            b.putShort((short) Math.round(s[i % s.length] * 32767));
        }
        Files.write(file, b.array());
        return file;
    }
}
