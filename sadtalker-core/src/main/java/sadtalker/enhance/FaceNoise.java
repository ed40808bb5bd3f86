package sadtalker.enhance;

import java.util.List;

/**
 * GFPGAN's noise for the faces of one picture: {@code GFPGANv1Clean} with
 * {@code randomize_noise=True} draws one N(0, 1) map {@code (1, 1, r, r)} per StyleConv layer for
 * every face it restores; here the caller supplies them, so a run is reproducible and the
 * original's recorded draws can be replayed.
 */
@FunctionalInterface
public interface FaceNoise {
    /**
     * The maps of the {@code face}-th restored face (in restore order, faces skipped for their eye
     * distance not counted): {@link GFPGANv1Clean#noiseSizes()}{@code .length} arrays of
     * {@code r·r} values, layer {@code i} of side {@code noiseSizes()[i]}.
     */
    List<float[]> maps(int face);
}
