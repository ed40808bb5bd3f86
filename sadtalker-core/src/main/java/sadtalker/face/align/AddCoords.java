package sadtalker.face.align;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * facexlib {@code awing_arch.py::AddCoordsTh} for square maps, with {@code with_r}: appends
 * {@code xx}, {@code yy}, {@code rr} and, given the previous module's heatmaps, the two boundary
 * channels. The original builds its "x" channel so that it varies DOWN the rows
 * ({@code xx[r, c] = 2r/(n−1) − 1}) and "y" along the columns; kept as is, the weights expect it.
 */
final class AddCoords {
    private AddCoords() {}

    /** {@code input ++ [xx, yy, rr]} (++ boundary xx, yy when {@code heatmap} is not null). */
    static NDArray forward(NDArray input, NDArray heatmap) {
        Shape s = input.getShape();
        int n = Math.toIntExact(s.get(2));
        if (s.get(3) != n) {
            throw new IllegalArgumentException("AddCoords expects square maps, got " + s);
        }
        NDManager m = input.getManager();
        float[] xx = new float[n * n];
        float[] yy = new float[n * n];
        float[] rr = new float[n * n];
        float max = 0;
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                // float32 as torch: (index / (n − 1)) · 2 − 1
                float x = ((float) r / (float) (n - 1)) * 2f - 1f;
                float y = ((float) c / (float) (n - 1)) * 2f - 1f;
                xx[r * n + c] = x;
                yy[r * n + c] = y;
                rr[r * n + c] = (float) Math.sqrt(x * x + y * y);
                max = Math.max(max, rr[r * n + c]);
            }
        }
        for (int i = 0; i < rr.length; i++) {
            rr[i] = rr[i] / max;
        }
        long b = s.get(0);
        Shape map = new Shape(1, 1, n, n);
        NDArray xxA = m.create(xx, map).repeat(0, b);
        NDArray yyA = m.create(yy, map).repeat(0, b);
        NDArray rrA = m.create(rr, map).repeat(0, b);
        NDList parts = new NDList(input, xxA, yyA, rrA);
        if (heatmap != null) {
            long last = heatmap.getShape().get(1) - 1;
            NDArray boundary = heatmap.get(":, {}:, :, :", last).clip(0f, 1f).gt(0.05f);
            NDArray zero = xxA.zerosLike();
            parts.add(NDArrays.where(boundary, xxA, zero));
            parts.add(NDArrays.where(boundary, yyA, zero));
        }
        return NDArrays.concat(parts, 1);
    }
}
