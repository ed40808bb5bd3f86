package sadtalker.enhance;

import sadtalker.image.Image8;

/**
 * BasicSR {@code img2tensor}/{@code normalize} and {@code tensor2img} as GFPGANer and facexlib use
 * them around the networks: BGR uint8 ⇄ RGB CHW floats in [-1, 1].
 */
final class GfpganImages {
    private GfpganImages() {}

    /**
     * BGR image → RGB CHW {@code (v/255 − 0.5)/0.5} in float32. GFPGANer divides in float64 and
     * then casts ({@code img2tensor(crop / 255.)}); facexlib's parse input divides in float32
     * ({@code astype('float32') / 255.}).
     */
    static float[] toNetworkInput(Image8 bgr, boolean divideInDouble) {
        int h = bgr.height();
        int w = bgr.width();
        int plane = h * w;
        float[] out = new float[3 * plane];
        byte[] px = bgr.pixels();
        for (int i = 0; i < plane; i++) {
            for (int c = 0; c < 3; c++) {
                int v = px[i * 3 + (2 - c)] & 0xFF; // RGB channel c is BGR channel 2 − c
                float a = divideInDouble ? (float) (v / 255.0) : v / 255f;
                out[c * plane + i] = (a - 0.5f) / 0.5f;
            }
        }
        return out;
    }

    /**
     * {@code tensor2img(out, rgb2bgr=True, min_max=(-1, 1))}: clamp, {@code (v + 1)/2}, ·255,
     * round half to even, all in float32; RGB CHW → BGR HWC uint8.
     */
    static Image8 tensor2img(float[] chw, int size) {
        int plane = size * size;
        byte[] px = new byte[3 * plane];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < plane; i++) {
                float v = Math.max(-1f, Math.min(1f, chw[c * plane + i]));
                float t = (v + 1f) / 2f;
                px[i * 3 + (2 - c)] = (byte) (int) Math.rint(t * 255f);
            }
        }
        return new Image8(size, size, px);
    }
}
