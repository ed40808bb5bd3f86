/**
 * Audio input of SadTalker: decoding any container to 16 kHz mono float ({@link sadtalker.audio.AudioDecoder},
 * FFmpeg through JavaCV), librosa's {@code load} ({@link sadtalker.audio.LoadWav}, {@link sadtalker.audio.Resampy}),
 * the mel spectrogram of {@code src/utils/audio.py} ({@link sadtalker.audio.MelSpectrogram}) and the per-frame
 * mel windows of {@code get_data} ({@link sadtalker.audio.MelWindows}).
 *
 * <p>Measured against the parity cases (tolerance in brackets):
 * <ul>
 *   <li>{@code audio.melspectrogram}: bit-exact on all 5 public cases [5e-3];
 *   <li>{@code audio.indiv_mels}: bit-exact [5e-3];
 *   <li>{@code audio.load_wav}: 16 kHz bit-exact; 48 kHz stereo 8.9e-8, 24 kHz mono 4.5e-8 [3e-5]. The
 *       resampler is resampy's kaiser_best written by hand, its table regenerated from the formula, so
 *       the last float32 rounding of a few samples differs;
 *   <li>decoding: WAV PCM (8/16/24/32-bit, float) gives exactly libsndfile's samples (tested against the
 *       samples the {@code load_wav} case recorded from {@code bus_chinese.wav}). MP3, AAC, Vorbis/Opus
 *       go through FFmpeg's decoders; librosa's environment may have used another decoder
 *       (libsndfile/mpg123 or audioread), which rounds differently: not covered by a parity case.
 * </ul>
 */
package sadtalker.audio;
