package sadtalker.face.recon;

/**
 * {@code CropAndExtract.generate}'s coefficient assembly: {@code split_coeff} of the 257-vector
 * (id 80, exp 64, tex 80, angle 3, gamma 27, trans 3) and the saved
 * {@code coeff_3dmm = [exp | angle | trans | float32(s, tx, ty)]} (73 values).
 */
public final class Coeffs3dmm {
    /** Length of {@code coeff_3dmm}. */
    public static final int LENGTH = 73;

    private Coeffs3dmm() {}

    /** {@code full}: 257 values; {@code transParams}: (w0, h0, s, tx, ty). */
    public static float[] coeff3dmm(float[] full, float[] transParams) {
        if (full.length != ReconNetWrapper.COEFFS || transParams.length != 5) {
            throw new IllegalArgumentException("need 257 coefficients and 5 trans params, got " + full.length + " and "
                    + transParams.length);
        }
        float[] out = new float[LENGTH];
        System.arraycopy(full, 80, out, 0, 64);
        System.arraycopy(full, 224, out, 64, 3);
        System.arraycopy(full, 254, out, 67, 3);
        System.arraycopy(transParams, 2, out, 70, 3);
        return out;
    }
}
