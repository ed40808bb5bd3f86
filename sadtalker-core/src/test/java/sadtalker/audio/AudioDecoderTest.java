package sadtalker.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sadtalker.parity.ParityCase;
import sadtalker.testkit.SharedData;

class AudioDecoderTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} Hz, {1} ch, {2} bit")
    @CsvSource({"16000,1,16", "8000,2,16", "22050,1,16", "44100,2,16", "48000,4,16", "11025,1,8", "96000,2,24",
            "32000,3,32"})
    void integer_wav_samples_come_out_as_libsndfile_scales_them(int rate, int channels, int bits) throws IOException {
        int frames = rate / 5 + 7;
        int[] ints = TestAudio.randomInts(rate * 31L + channels, frames, channels, bits);
        Path f = TestAudio.writePcmWav(dir.resolve("x.wav"), rate, channels, bits, ints);

        PcmAudio pcm = AudioDecoder.decodePcm(f, 60);

        assertEquals(rate, pcm.sampleRate());
        assertEquals(channels, pcm.channels());
        float[] expected = new float[ints.length];
        for (int i = 0; i < ints.length; i++) {
            expected[i] = (float) (ints[i] / Math.pow(2, bits - 1));     // libsndfile: int / 2^(bits-1)
        }
        assertArrayEquals(expected, pcm.samples());
    }

    @Test
    void float_wav_samples_are_kept_as_they_are() throws IOException {
        float[] s = TestAudio.sine(24000, 2, 0.3, 300, 0.9);
        s[5] = 1.75f;                                                     // float WAV may exceed full scale
        Path f = TestAudio.writeFloatWav(dir.resolve("f.wav"), 24000, 2, s);
        PcmAudio pcm = AudioDecoder.decodePcm(f, 60);
        assertEquals(2, pcm.channels());
        assertArrayEquals(s, pcm.samples());
    }

    @ParameterizedTest(name = "{0} Hz, {1} ch")
    @CsvSource({"16000,1", "16000,2", "8000,1", "22050,2", "44100,1", "48000,2"})
    void decode_gives_16k_mono_of_librosas_length(int rate, int channels) throws IOException {
        int frames = rate / 2 + 3;
        int[] ints = TestAudio.randomInts(rate, frames, channels, 16);
        Path f = TestAudio.writePcmWav(dir.resolve("x.wav"), rate, channels, 16, ints);

        float[] wav = AudioDecoder.decode(f);

        assertEquals((long) Math.ceil(frames * 16000.0 / rate), wav.length);
        if (rate == 16000) {                           // no resampling: just the float32 channel mean
            for (int i = 0; i < frames; i++) {
                float sum = 0;
                for (int c = 0; c < channels; c++) {
                    sum += ints[i * channels + c] / 32768f;
                }
                assertEquals(sum / channels, wav[i], 0f, "sample " + i);
            }
        }
    }

    @Test
    void example_wav_decodes_to_the_samples_the_parity_case_recorded() throws Exception {
        // audio.load_wav--bus-chinese-48k-stereo holds libsndfile's samples of bus_chinese.wav from 0.5 s.
        Path wavFile = SharedData.dir().resolve("examples/bus_chinese.wav");
        Path caseFile = SharedData.dir().resolve("parity/cases/audio.load_wav--bus-chinese-48k-stereo.safetensors");
        try (ParityCase c = ParityCase.open(caseFile)) {
            float[] recorded = c.input("samples").toFloatArray();
            PcmAudio pcm = AudioDecoder.decodePcm(wavFile, 60);
            assertEquals(48000, pcm.sampleRate());
            assertEquals(2, pcm.channels());
            int from = 24000 * 2;
            assertArrayEquals(recorded, Arrays.copyOfRange(pcm.samples(), from, from + recorded.length));
        }
    }

    @ParameterizedTest(name = "{0}/{1} {2} Hz {3} ch")
    @CsvSource({"mp3,libmp3lame,44100,2,mp3", "mp3,libmp3lame,22050,1,mp3", "mp3,libmp3lame,16000,1,mp3",
            "mp3,libmp3lame,48000,2,mp3", "ipod,aac,44100,2,m4a", "flac,flac,48000,2,flac", "ogg,libopus,48000,1,ogg"})
    void compressed_formats_decode_to_the_encoded_signal(String format, String codec, int rate, int channels,
            String ext) throws IOException {
        double hz = 440;
        float[] s = TestAudio.sine(rate, channels, 1.0, hz, 0.5);
        Path f = TestAudio.encode(dir.resolve("x." + ext), format, codec, rate, channels, s);

        PcmAudio pcm = AudioDecoder.decodePcm(f, 60);
        assertEquals(rate, pcm.sampleRate());
        assertEquals(channels, pcm.channels());
        assertEquals(1.0, pcm.seconds(), 0.1, "duration");

        float[] wav = AudioDecoder.decode(f);
        // The 16 kHz mono mix of a 440 Hz sine: compare with the exact mean of the channels' sines,
        // away from the ends (codec delay/priming), at the best lag within ±20 ms.
        double amplitudeOfMean = 0.5 * Math.abs(meanPhasor(channels));
        double best = Double.MAX_VALUE;
        for (int lag = -320; lag <= 320; lag++) {
            double err = 0;
            int count = 0;
            for (int i = 2000; i < Math.min(wav.length, 14000); i++) {
                int j = i + lag;
                double expect = monoSine(j, hz, channels);
                err += Math.pow(wav[i] - expect, 2);
                count++;
            }
            best = Math.min(best, Math.sqrt(err / count));
        }
        assertTrue(best < 0.05 * amplitudeOfMean, ext + ": rms error " + best + " vs amplitude " + amplitudeOfMean);
    }

    private static double monoSine(int i, double hz, int channels) {
        double s = 0;
        for (int c = 0; c < channels; c++) {
            s += 0.5 * Math.sin(2 * Math.PI * hz * i / 16000.0 + 0.3 * c);
        }
        return s / channels;
    }

    private static double meanPhasor(int channels) {
        double re = 0;
        double im = 0;
        for (int c = 0; c < channels; c++) {
            re += Math.cos(0.3 * c);
            im += Math.sin(0.3 * c);
        }
        return Math.hypot(re, im) / channels;
    }

    @Test
    void example_mp3_and_wav_have_the_same_length() {
        float[] mp3 = AudioDecoder.decode(SharedData.dir().resolve("examples/speech_en.mp3"));
        float[] wav = AudioDecoder.decode(SharedData.dir().resolve("examples/speech_en.wav"));
        assertEquals(wav.length / 16000.0, mp3.length / 16000.0, 0.1);
    }

    @Test
    void a_missing_file_or_a_directory_is_not_a_file() {
        assertReason(AudioException.Reason.NOT_A_FILE, dir.resolve("nope.wav"));
        assertReason(AudioException.Reason.NOT_A_FILE, dir);
    }

    @Test
    void random_bytes_are_not_media() throws IOException {
        byte[] junk = new byte[4096];
        new java.util.Random(3).nextBytes(junk);
        assertReason(AudioException.Reason.NOT_MEDIA, Files.write(dir.resolve("junk.wav"), junk));
    }

    @Test
    void an_image_has_no_audio_stream() {
        assertReason(AudioException.Reason.NO_AUDIO_STREAM, SharedData.dir().resolve("examples/happy.png"));
    }

    @Test
    void an_unknown_codec_is_undecodable() throws IOException {
        byte[] data = new byte[16000];
        Path f = TestAudio.writeWav(dir.resolve("odd.wav"), 0x7A7A, 16000, 1, 16, data);
        assertReason(AudioException.Reason.UNDECODABLE, f);
    }

    @Test
    void the_audio_track_of_a_video_is_used_and_a_silent_video_is_refused() throws IOException {
        float[] s = TestAudio.sine(44100, 2, 0.5, 440, 0.5);
        Path withAudio = TestAudio.encodeWithVideo(dir.resolve("talk.mp4"), 44100, 2, s);
        // 0.5 s; AAC pads the last 1024-sample frame (372 samples at 16 kHz)
        assertEquals(8000, AudioDecoder.decode(withAudio).length, 372);
        Path silent = TestAudio.encodeWithVideo(dir.resolve("silent.mp4"), 0, 0, null);
        assertReason(AudioException.Reason.NO_AUDIO_STREAM, silent);
    }

    @Test
    void a_playlist_cannot_make_ffmpeg_leave_the_local_files() throws IOException {
        Path m3u8 = Files.writeString(dir.resolve("list.m3u8"),
                "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nhttp://127.0.0.1:9/x.ts\n#EXT-X-ENDLIST\n");
        AudioException e = assertThrows(AudioException.class, () -> AudioDecoder.decode(m3u8));
        assertTrue(e.getMessage().contains("list.m3u8"), e.getMessage());
    }

    @Test
    void a_wav_without_samples_is_empty() throws IOException {
        Path f = TestAudio.writePcmWav(dir.resolve("empty.wav"), 16000, 1, 16, new int[0]);
        assertReason(AudioException.Reason.EMPTY, f);
    }

    @Test
    void audio_shorter_than_one_video_frame_is_too_short() throws IOException {
        // 639 samples at 16 kHz are 39.9 ms: T = int(639 / 640.0) = 0 frames.
        Path f = TestAudio.writePcmWav(dir.resolve("short.wav"), 16000, 1, 16, TestAudio.randomInts(1, 639, 1, 16));
        assertReason(AudioException.Reason.TOO_SHORT, f);
        Path ok = TestAudio.writePcmWav(dir.resolve("ok.wav"), 16000, 1, 16, TestAudio.randomInts(1, 640, 1, 16));
        assertEquals(640, AudioDecoder.decode(ok).length);
    }

    @Test
    void audio_longer_than_the_maximum_is_too_long() throws IOException {
        Path f = TestAudio.writePcmWav(dir.resolve("long.wav"), 8000, 1, 16, TestAudio.randomInts(2, 8000 * 5, 1, 16));
        AudioException e = assertThrows(AudioException.class, () -> AudioDecoder.decode(f, 2.0));
        assertEquals(AudioException.Reason.TOO_LONG, e.reason());
        assertTrue(e.getMessage().contains("long.wav"), e.getMessage());
        assertEquals(16000 * 5, AudioDecoder.decode(f, 5.5).length);
    }

    private static void assertReason(AudioException.Reason reason, Path file) {
        AudioException e = assertThrows(AudioException.class, () -> AudioDecoder.decode(file));
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains(file.getFileName().toString()), "message names the file: " + e.getMessage());
    }
}
