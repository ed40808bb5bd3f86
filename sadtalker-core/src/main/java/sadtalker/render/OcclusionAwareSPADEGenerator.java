package sadtalker.render;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import sadtalker.checkpoint.Params;
import sadtalker.nn.Conv;
import sadtalker.nn.GridSample;
import sadtalker.nn.Interpolate;
import sadtalker.render.blocks.DownBlock2d;
import sadtalker.render.blocks.ResBlock3d;
import sadtalker.render.blocks.SameBlock2d;

/**
 * Port of {@code src/facerender/modules/generator.py::OcclusionAwareSPADEGenerator} (SadTalker
 * cd4c046): encodes the source image into a 3-D feature volume, warps it by the dense motion
 * between the source and driving keypoints, masks it by the occlusion map and decodes it with the
 * {@link SPADEDecoder}. Input {@code (N, 3, 256, 256)} in [0, 1]; prediction {@code (N, 3, 256, 256)}.
 *
 * <p>The encoder half depends only on the source image; {@link #encode} and {@link #animate}
 * split {@link #forward} there so that a renderer can encode a source once for all its frames.
 */
public final class OcclusionAwareSPADEGenerator {
    private final GeneratorConfig config;
    private final SameBlock2d first;
    private final List<DownBlock2d> downBlocks = new ArrayList<>();
    private final Conv second;
    private final List<ResBlock3d> resblocks3d = new ArrayList<>();
    private final DenseMotionNetwork denseMotionNetwork;
    private final SameBlock2d third;
    private final Conv fourth;
    private final SPADEDecoder decoder;

    /** Output of {@link #forward}: the dense-motion mask (before its threshold) and occlusion map too. */
    public record Output(NDArray prediction, NDArray mask, NDArray occlusionMap) {}

    /** Loads every generator key under {@code p} (the file's {@code generator.} prefix removed). */
    public OcclusionAwareSPADEGenerator(Params p, GeneratorConfig c) {
        this.config = c;
        this.denseMotionNetwork = new DenseMotionNetwork(p.sub("dense_motion_network"), c.denseMotion());
        this.first = new SameBlock2d(p.sub("first"), c.imageChannel(), c.blockExpansion(), 3, 1, false);
        long out = c.blockExpansion();
        for (int i = 0; i < c.numDownBlocks(); i++) {
            long in = Math.min(c.maxFeatures(), c.blockExpansion() << i);
            out = Math.min(c.maxFeatures(), c.blockExpansion() << (i + 1));
            downBlocks.add(new DownBlock2d(p.sub("down_blocks").sub(Integer.toString(i)), in, out));
        }
        this.second = Conv.load(p.sub("second"), 2, out, c.maxFeatures(), 1, 1, 0, true);
        for (int i = 0; i < c.numResblocks(); i++) {
            resblocks3d.add(new ResBlock3d(p.sub("resblocks_3d").sub("3dr" + i), c.reshapeChannel()));
        }
        long thirdOut = c.blockExpansion() << c.numDownBlocks();
        this.third = new SameBlock2d(p.sub("third"), c.maxFeatures(), thirdOut, 3, 1, true);
        this.fourth = Conv.load(p.sub("fourth"), 2, thirdOut, thirdOut, 1, 1, 0, true);
        this.decoder = new SPADEDecoder(p.sub("decoder"));
    }

    /** {@code (N, 3, H, W)}, {@code kp_driving}, {@code kp_source} {@code (N, K, 3)} → prediction, mask, occlusion map. */
    public Output forward(NDArray sourceImage, NDArray kpDriving, NDArray kpSource) {
        try (NDManager scope = sourceImage.getManager().newSubManager()) {
            scope.tempAttachAll(sourceImage, kpDriving, kpSource);
            Output out = animate(encode(sourceImage), kpDriving, kpSource);
            return new Output(scope.ret(out.prediction()), scope.ret(out.mask()),
                    out.occlusionMap() == null ? null : scope.ret(out.occlusionMap()));
        }
    }

    /**
     * The source-only half: {@code feature_3d (N, reshape_channel, reshape_depth, H/4, W/4)} after
     * the 3-D residual blocks.
     */
    public NDArray encode(NDArray sourceImage) {
        try (NDManager scope = sourceImage.getManager().newSubManager()) {
            scope.tempAttachAll(sourceImage);
            NDArray out = first.forward(sourceImage);
            for (DownBlock2d block : downBlocks) {
                out = block.forward(out);
            }
            out = second.forward(out);
            Shape s = out.getShape();
            NDArray feature3d = out.reshape(s.get(0), config.reshapeChannel(), config.reshapeDepth(), s.get(2), s.get(3));
            for (ResBlock3d block : resblocks3d) {
                feature3d = block.forward(feature3d);
            }
            return scope.ret(feature3d);
        }
    }

    /** The driving half on an encoded source (batch sizes of all three arguments equal). */
    public Output animate(NDArray feature3d, NDArray kpDriving, NDArray kpSource) {
        try (NDManager scope = feature3d.getManager().newSubManager()) {
            scope.tempAttachAll(feature3d, kpDriving, kpSource);
            DenseMotionNetwork.Output motion = denseMotionNetwork.forward(feature3d, kpDriving, kpSource);
            NDArray out = deformInput(feature3d, motion.deformation());
            Shape s = out.getShape();
            out = out.reshape(s.get(0), s.get(1) * s.get(2), s.get(3), s.get(4));
            out = fourth.forward(third.forward(out));
            NDArray occlusionMap = motion.occlusionMap();
            if (occlusionMap != null) {
                Shape os = occlusionMap.getShape();
                if (os.get(2) != out.getShape().get(2) || os.get(3) != out.getShape().get(3)) {
                    occlusionMap = Interpolate.bilinear(occlusionMap, out.getShape().get(2), out.getShape().get(3), false);
                }
                out = out.mul(occlusionMap);
            }
            NDArray prediction = decoder.forward(out);
            return new Output(scope.ret(prediction), scope.ret(motion.mask()),
                    occlusionMap == null ? null : scope.ret(motion.occlusionMap()));
        }
    }

    /** {@code deform_input}: resize the deformation (trilinear) if its grid differs, then grid_sample. */
    private static NDArray deformInput(NDArray input, NDArray deformation) {
        Shape ds = deformation.getShape();
        Shape is = input.getShape();
        if (ds.get(1) != is.get(2) || ds.get(2) != is.get(3) || ds.get(3) != is.get(4)) {
            NDArray moved = Interpolate.trilinear(deformation.transpose(0, 4, 1, 2, 3), is.get(2), is.get(3), is.get(4),
                    false);
            deformation = moved.transpose(0, 2, 3, 4, 1);
        }
        return GridSample.gridSample(input, deformation);
    }
}
