/**
 * Audio to 3DMM coefficients ({@code src/test_audio2coeff.py}): {@link sadtalker.coeff.Audio2Exp}
 * (SimpleWrapperV2), {@link sadtalker.coeff.Audio2Pose} (CVAE decoder with injectable latents),
 * Savitzky–Golay smoothing, reference pose and eye blinks; {@link sadtalker.coeff.AudioToCoeff} is the
 * entry the engine calls.
 *
 * <p>Measured against the parity cases (tolerance in brackets): {@code audio2exp} ≤ 2.4e-6 [1e-4],
 * {@code audio2pose} ≤ 3.6e-7 [1e-5], {@code savgol}, {@code refpose}, {@code blink} bit-exact
 * [1e-6, 1e-6, 1e-7].
 *
 * <p>Deliberate deviations where the original crashes: T = 21 frames (empty blink range) gives no
 * blink; T ≤ 2 frames skips the smoothing (window 1 is not above order 2).
 */
package sadtalker.coeff;
