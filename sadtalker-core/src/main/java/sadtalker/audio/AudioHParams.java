package sadtalker.audio;

/**
 * The audio hyper-parameters of {@code src/utils/hparams.py::hparams} that the mel spectrogram of
 * {@code src/utils/audio.py} reads, plus the video rate {@code get_data} cuts windows at.
 *
 * @param sampleRate samples per second of the input (16000)
 * @param nFft FFT size (800)
 * @param hopSize STFT hop (200 = 12.5 ms)
 * @param winSize window length (800); the Hann window is periodic, as librosa builds it
 * @param numMels mel bands (80)
 * @param fmin lowest mel edge in Hz (55)
 * @param fmax highest mel edge in Hz (7600)
 * @param preemphasis pre-emphasis coefficient k of {@code y[n] = x[n] - k·x[n-1]} (0.97)
 * @param minLevelDb floor of the dB scale (-100)
 * @param refLevelDb reference level subtracted from the dB values (20)
 * @param maxAbsValue output range is {@code [-max, max]} (4, symmetric, clipped)
 * @param fps video frames per second (25)
 * @param melStepSize mel frames per video-frame window ({@code syncnet_mel_step_size}, 16)
 */
public record AudioHParams(int sampleRate, int nFft, int hopSize, int winSize, int numMels, double fmin,
        double fmax, double preemphasis, double minLevelDb, double refLevelDb, double maxAbsValue, int fps,
        int melStepSize) {

    /** The values SadTalker runs with. */
    public static final AudioHParams SADTALKER = new AudioHParams(16000, 800, 200, 800, 80, 55, 7600, 0.97, -100, 20,
            4.0, 25, 16);

    public AudioHParams {
        if (winSize != nFft) {
            // librosa would centre a shorter window inside n_fft; SadTalker never does that.
            throw new IllegalArgumentException("win_size " + winSize + " != n_fft " + nFft + " is not supported");
        }
        if (fmax > sampleRate / 2.0) {
            throw new IllegalArgumentException("fmax " + fmax + " is above the Nyquist frequency of " + sampleRate);
        }
    }

    /** Audio samples per video frame: {@code sr / fps} as a double (640.0), as {@code parse_audio_length}. */
    public double samplesPerFrame() {
        return (double) sampleRate / fps;
    }
}
