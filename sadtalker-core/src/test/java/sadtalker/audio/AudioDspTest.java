package sadtalker.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AudioDspTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 12, 49, 800})
    void fft_equals_the_direct_dft(int n) {
        SplittableRandom r = new SplittableRandom(n);
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n; i++) {
            re[i] = r.nextDouble(-1, 1);
            im[i] = r.nextDouble(-1, 1);
        }
        double[] outRe = new double[n];
        double[] outIm = new double[n];
        new Fft(n).forward(re, im, outRe, outIm);
        for (int k = 0; k < n; k++) {
            double sr = 0;
            double si = 0;
            for (int j = 0; j < n; j++) {
                double a = -2 * Math.PI * ((long) j * k % n) / n;
                sr += re[j] * Math.cos(a) - im[j] * Math.sin(a);
                si += re[j] * Math.sin(a) + im[j] * Math.cos(a);
            }
            assertEquals(sr, outRe[k], 1e-9 * n, "re " + k);
            assertEquals(si, outIm[k], 1e-9 * n, "im " + k);
        }
    }

    @Test
    void silence_is_the_floor_everywhere() {
        MelSpectrogram mel = new MelSpectrogram(AudioHParams.SADTALKER);
        float[][] out = mel.compute(new float[3210]);
        assertEquals(80, out.length);
        assertEquals(1 + 3210 / 200, out[0].length);
        for (float[] row : out) {
            for (float v : row) {
                assertEquals(-4f, v);
            }
        }
    }

    @Test
    void a_tone_peaks_in_the_mel_band_around_its_frequency() {
        double hz = 2000;
        float[] wav = new float[16000];
        for (int i = 0; i < wav.length; i++) {
            wav[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / 16000));
        }
        float[][] out = new MelSpectrogram(AudioHParams.SADTALKER).compute(wav);
        int frame = out[0].length / 2;
        int peak = 0;
        for (int b = 1; b < 80; b++) {
            if (out[b][frame] > out[peak][frame]) {
                peak = b;
            }
        }
        // Slaney mel of 2 kHz: 15 + ln(2) / (ln(6.4) / 27) = 25.08; band b is centred at mel point b + 1
        // of 82 equally spaced between mel(55) = 0.825 and mel(7600) = 15 + ln(7.6)·27 / ln(6.4).
        double lo = 55 / (200.0 / 3);
        double hi = 15 + Math.log(7.6) / (Math.log(6.4) / 27);
        double target = 15 + Math.log(2) / (Math.log(6.4) / 27);
        int expected = (int) Math.round((target - lo) / ((hi - lo) / 81)) - 1;
        assertTrue(Math.abs(peak - expected) <= 1, "peak band " + peak + ", expected about " + expected);
    }

    @Test
    void mel_windows_follow_get_data_indexing() {
        // 7 frames of 640 samples + 17: T = 7, cropped to 4480 samples, 23 mel frames.
        SplittableRandom r = new SplittableRandom(5);
        float[] wav = new float[7 * 640 + 17];
        for (int i = 0; i < wav.length; i++) {
            wav[i] = (float) r.nextDouble(-0.5, 0.5);
        }
        MelSpectrogram mel = new MelSpectrogram(AudioHParams.SADTALKER);
        MelWindows w = MelWindows.of(wav, mel);
        assertEquals(7, w.numFrames());
        float[][] spec = mel.compute(java.util.Arrays.copyOf(wav, 7 * 640));
        int[] starts = {-6, -3, 0, 3, 6, 9, 12};         // int(80 * (i - 2) / 25), truncated toward zero
        for (int i = 0; i < 7; i++) {
            for (int s = 0; s < 16; s++) {
                int idx = Math.min(Math.max(starts[i] + s, 0), spec[0].length - 1);
                for (int b = 0; b < 80; b += 13) {
                    assertEquals(spec[b][idx], w.values()[(i * 80 + b) * 16 + s], "frame " + i + " step " + s);
                }
            }
        }
    }

    @Test
    void less_than_one_video_frame_is_refused() {
        MelSpectrogram mel = new MelSpectrogram(AudioHParams.SADTALKER);
        AudioException e = assertThrows(AudioException.class, () -> MelWindows.of(new float[639], mel));
        assertEquals(AudioException.Reason.TOO_SHORT, e.reason());
    }

    @Test
    void bessel_i0_matches_tabulated_values() {
        assertEquals(1.0, Resampy.besselI0(0), 0);
        assertEquals(1.2660658777520082, Resampy.besselI0(1), 1e-15);        // Abramowitz & Stegun table 9.8
        assertEquals(27.239871823604442, Resampy.besselI0(5), 1e-12);
    }

    @Test
    void resampled_tone_stays_the_same_tone() {
        for (int sr : new int[] {8000, 22050, 44100, 48000}) {
            double hz = 1000;
            float[] x = new float[sr];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / sr));
            }
            float[] y = LoadWav.resample(x, sr, 16000);
            assertEquals((long) Math.ceil(sr * 16000.0 / sr), y.length);
            double worst = 0;
            for (int i = 1000; i < 15000; i++) {                      // away from the edges
                worst = Math.max(worst, Math.abs(y[i] - 0.5 * Math.sin(2 * Math.PI * hz * i / 16000)));
            }
            assertTrue(worst < 1e-3, sr + " Hz: worst " + worst);
        }
    }

    @Test
    void same_rate_is_returned_unfiltered_and_channels_are_averaged_in_float() {
        float[] stereo = {0.1f, 0.3f, 1f, -1f, 0.25f, 0.5f};
        float[] mono = LoadWav.toMono(stereo, 2);
        assertArrayEquals(new float[] {(0.1f + 0.3f) / 2, 0f, (0.25f + 0.5f) / 2}, mono);
        assertArrayEquals(mono, LoadWav.resample(mono, 16000, 16000));
    }

    @Test
    void a_non_integer_output_length_is_padded_with_one_zero() {
        float[] x = new float[36001];
        java.util.Arrays.fill(x, 0.25f);
        float[] y = LoadWav.resample(x, 24000, 16000);
        assertEquals(24001, y.length);                                  // ceil(36001·2/3)
        assertEquals(0f, y[24000]);
    }
}
