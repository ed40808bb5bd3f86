package sadtalker.face.align;

/**
 * The end of AWing {@code FAN.get_landmarks}: {@code calculate_points} on the landmark heatmaps
 * (the boundary map, the last channel, dropped) and the scale to the crop size. Argmax on the
 * flattened 64×64 map (first maximum), a quarter-pixel shift by the sign of the neighbour
 * difference taken on the FLAT index (so the x neighbours wrap rows), and the original's
 * batch-wide edge rules for the y neighbours; see {@code stages-face.md}.
 */
public final class HeatmapPoints {
    private HeatmapPoints() {}

    /**
     * @param heatmaps {@code count} maps of {@code size × size} floats, row-major
     * @param cropH crop height (y scale {@code cropH / size})
     * @param cropW crop width (x scale {@code cropW / size})
     * @return {@code count} (x, y) points in crop pixels
     */
    public static float[] points(float[] heatmaps, int count, int size, int cropH, int cropW) {
        int hw = size * size;
        if (heatmaps.length < (long) count * hw) {
            throw new IllegalArgumentException("need " + count + " heatmaps of " + size + "×" + size);
        }
        int[] idx = new int[count];
        boolean anyBottom = false;
        boolean anyTop = false;
        for (int n = 0; n < count; n++) {
            int base = n * hw;
            int best = 0;
            for (int i = 1; i < hw; i++) {
                if (heatmaps[base + i] > heatmaps[base + best]) {
                    best = i;
                }
            }
            idx[n] = best;
            if (best + size >= 4096) { // the original compares with 4096, i.e. assumes 64×64 maps
                anyBottom = true;
            }
            if (best - size <= 0) {
                anyTop = true;
            }
        }
        double sx = cropW / 64.0;
        double sy = cropH / 64.0;
        float[] out = new float[2 * count];
        for (int n = 0; n < count; n++) {
            int base = n * hw;
            int i = idx[n];
            // numpy indexing: i − 1 = −1 wraps to the last element; i + 1 = 4096 would crash the
            // original, here it reads the map's last value (sign 0 against itself is not possible).
            float xUp = heatmaps[base + Math.min(i + 1, hw - 1)];
            float xDown = heatmaps[base + (i == 0 ? hw - 1 : i - 1)];
            float yUp = anyBottom ? heatmaps[base + 4095] : heatmaps[base + i + size];
            float yDown = anyTop ? heatmaps[base] : heatmaps[base + i - size];
            double x = i % size + 0.25 * Math.signum(xUp - xDown) + 0.5;
            double y = i / size + 0.25 * Math.signum(yUp - yDown) + 0.5;
            out[2 * n] = (float) (x * sx);
            out[2 * n + 1] = (float) (y * sy);
        }
        return out;
    }
}
