package sadtalker.parity;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import sadtalker.nn.CoordinateGrid;
import sadtalker.nn.GridSample;

/** Stages that pin a single op of the {@code nn} package. */
final class OpStages {
    private OpStages() {}

    static void register(StageRegistry r) {
        r.register("facerender.grid_sample", (c, m) -> {
            requireDefaults(c);
            NDArray out = GridSample.gridSample(c.input("input", m), c.input("grid", m));
            return Map.of("output", out);
        });
        r.register("facerender.coordinate_grid", (c, m) -> {
            var size = c.config().get("spatial_size");
            NDArray grid = CoordinateGrid.make(m, size.get(0).asLong(), size.get(1).asLong(), size.get(2).asLong());
            return Map.of("grid", grid);
        });
    }

    /** Our grid_sample implements PyTorch's defaults only; a case asking for others must fail, not pass by accident. */
    private static void requireDefaults(ParityCase c) {
        var cfg = c.config();
        if (cfg.path("align_corners").asBoolean(false) || !cfg.path("mode").asText("bilinear").equals("bilinear")
                || !cfg.path("padding_mode").asText("zeros").equals("zeros")) {
            throw new IllegalArgumentException("grid_sample config " + cfg + " is not the default the port implements");
        }
    }
}
