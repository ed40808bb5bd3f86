package sadtalker.face.align;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import sadtalker.image.CvResize;
import sadtalker.image.Image8;

/**
 * AWing {@code FAN.get_landmarks(img)}: {@code cv2.resize} of the RGB face slice to 256×256,
 * channel reversal to BGR, /255, the network, and {@link HeatmapPoints} on the last module's 98
 * landmark maps, scaled to the slice size.
 */
public final class FanLandmarks {
    private static final int SIZE = 256;

    private final FAN fan;

    public FanLandmarks(FAN fan) {
        this.fan = fan;
    }

    /** 98 (x, y) points in {@code crop} pixels. */
    public float[] landmarks98(Image8 crop, NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray in = scope.create(input(crop), new Shape(1, 3, SIZE, SIZE));
            NDArray[] outs = fan.forward(in);
            // host: the heatmap arg-max and sub-pixel refinement (HeatmapPoints) run in Java
            float[] hm = outs[outs.length - 1].toFloatArray();
            return HeatmapPoints.points(hm, 98, 64, crop.height(), crop.width());
        }
    }

    /** The network input: resized, BGR, CHW, /255 (float32 division as torch's {@code div_}). */
    public static float[] input(Image8 crop) {
        Image8 r = CvResize.linear(crop, SIZE, SIZE);
        int hw = SIZE * SIZE;
        float[] out = new float[3 * hw];
        byte[] d = r.pixels();
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < hw; i++) {
                out[k * hw + i] = (d[3 * i + 2 - k] & 0xFF) / 255f;
            }
        }
        return out;
    }
}
