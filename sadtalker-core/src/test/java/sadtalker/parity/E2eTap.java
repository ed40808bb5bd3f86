package sadtalker.parity;

import java.util.Map;
import java.util.TreeMap;
import sadtalker.StageTap;
import sadtalker.image.Image8;

/**
 * What the engine hands its {@link StageTap} during one e2e case, kept under the case's output
 * names, and {@link #check compared} with the case's expected values.
 */
final class E2eTap implements StageTap {
    private float[] firstCoeff;
    private float[] full3dmm;
    private int[] cropSize;
    private int[] cropBox;
    private double[] cropQuad;
    private Image8 cropFrame;
    private float[][] coeff3dmm;
    private final Map<Integer, Image8> renderFrames = new TreeMap<>();
    private final Map<Integer, Image8> enhancerInput = new TreeMap<>();
    private final Map<Integer, Image8> frames = new TreeMap<>();

    @Override
    public void firstCoeff(float[] coeff) {
        firstCoeff = coeff;
    }

    @Override
    public void full3dmm(float[] coeff) {
        full3dmm = coeff;
    }

    @Override
    public void cropInfo(int[] size, int[] box, double[] quad) {
        cropSize = size;
        cropBox = box;
        cropQuad = quad;
    }

    @Override
    public void cropFrame(Image8 rgb) {
        cropFrame = rgb;
    }

    @Override
    public void coeff3dmm(float[][] coeffs) {
        coeff3dmm = coeffs;
    }

    @Override
    public void renderFrame(int index, Image8 rgb) {
        renderFrames.put(index, rgb);
    }

    @Override
    public void enhancerInput(int index, Image8 rgb) {
        enhancerInput.put(index, rgb);
    }

    @Override
    public void frame(int index, Image8 rgb) {
        frames.put(index, rgb);
    }

    /** The final frames in order (what was encoded). */
    Map<Integer, Image8> frames() {
        return frames;
    }

    /** Compares output {@code name} of case {@code c} with what was tapped. */
    E2eCase.OutputCheck check(E2eCase c, String name) {
        return switch (name) {
            case "first_coeff" -> floats(c, name, firstCoeff, 1);
            case "full_3dmm" -> floats(c, name, full3dmm, 1);
            case "crop_size" -> exact(c, name, cropSize);
            case "crop_box" -> exact(c, name, cropBox);
            case "crop_quad" -> cropQuad == null ? missing(c, name) : c.checkFloats(name, toFloats(cropQuad), new long[] {4});
            case "crop_frame" -> cropFrame == null ? missing(c, name) : c.checkImage(name, cropFrame.pixels(),
                    new long[] {cropFrame.height(), cropFrame.width(), 3});
            case "coeff_3dmm" -> coeffs(c, name);
            case "render_frames" -> video(c, name, renderFrames);
            case "enhancer_input" -> video(c, name, enhancerInput);
            case "frames" -> video(c, name, frames);
            default -> new E2eCase.OutputCheck(c, name, false, "the engine has no tap for output '" + name + "'");
        };
    }

    private static E2eCase.OutputCheck missing(E2eCase c, String name) {
        return new E2eCase.OutputCheck(c, name, false, "the engine tapped no " + name);
    }

    private static E2eCase.OutputCheck floats(E2eCase c, String name, float[] v, int rows) {
        return v == null ? missing(c, name) : c.checkFloats(name, v, new long[] {rows, v.length / rows});
    }

    private static E2eCase.OutputCheck exact(E2eCase c, String name, int[] v) {
        if (v == null) {
            return missing(c, name);
        }
        long[] l = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            l[i] = v[i];
        }
        return c.checkExact(name, l, new long[] {l.length});
    }

    private E2eCase.OutputCheck coeffs(E2eCase c, String name) {
        if (coeff3dmm == null) {
            return missing(c, name);
        }
        int cols = coeff3dmm.length == 0 ? 0 : coeff3dmm[0].length;
        float[] flat = new float[coeff3dmm.length * cols];
        for (int i = 0; i < coeff3dmm.length; i++) {
            System.arraycopy(coeff3dmm[i], 0, flat, i * cols, cols);
        }
        return c.checkFloats(name, flat, new long[] {coeff3dmm.length, cols});
    }

    /** Frames 0…T−1 stacked as {@code [T, H, W, 3]}; a missing frame or a size change fails. */
    private static E2eCase.OutputCheck video(E2eCase c, String name, Map<Integer, Image8> byIndex) {
        if (byIndex.isEmpty()) {
            return missing(c, name);
        }
        Image8 first = byIndex.values().iterator().next();
        int plane = first.pixels().length;
        int t = byIndex.size();
        byte[] all = new byte[t * plane];
        for (int i = 0; i < t; i++) {
            Image8 f = byIndex.get(i);
            if (f == null || f.pixels().length != plane) {
                return new E2eCase.OutputCheck(c, name, false, "frame " + i + " of " + t + (f == null ? " was not tapped"
                        : " is " + f.width() + "x" + f.height() + ", frame 0 " + first.width() + "x" + first.height()));
            }
            System.arraycopy(f.pixels(), 0, all, i * plane, plane);
        }
        E2eCase.OutputCheck whole = c.checkImage(name, all, new long[] {t, first.height(), first.width(), 3});
        return whole.withDetail(perFrame(c, name, all, plane, t));
    }

    /** The mean difference of each frame, to tell one odd frame (a batch edge) from a general drift. */
    private static String perFrame(E2eCase c, String name, byte[] all, int plane, int t) {
        java.nio.ByteBuffer want = c.expected(name).bytes();
        if (want.remaining() != all.length) {
            return "";
        }
        StringBuilder b = new StringBuilder(" per frame mean_abs");
        for (int i = 0; i < t; i++) {
            long sum = 0;
            for (int j = i * plane; j < (i + 1) * plane; j++) {
                sum += Math.abs((all[j] & 0xFF) - (want.get(j) & 0xFF));
            }
            b.append(String.format(" %.4f", sum / (double) plane));
        }
        return b.toString();
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
