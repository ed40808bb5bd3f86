package sadtalker.enhance;

import sadtalker.image.FaceDetection;
import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import sadtalker.checkpoint.Checkpoint;
import sadtalker.checkpoint.Params;
import sadtalker.checkpoint.StateDict;
import sadtalker.nn.Torch;
import sadtalker.image.Image8;

/**
 * GFPGAN {@code gfpgan/utils.py : GFPGANer.enhance(img, has_aligned=False, only_center_face=False,
 * paste_back=True)} as SadTalker's {@code src/utils/face_enhancer.py} configures it (upscale 2,
 * clean arch, channel multiplier 2, no background upsampler, parse masks): detect → align to the
 * FFHQ template at 512 → GFPGANv1Clean → paste back with ParseNet soft masks on the 2× LANCZOS4
 * background. The result is twice the input's size; there is no resize back.
 */
public final class GfpganEnhancer implements AutoCloseable {
    /** GFPGANer's {@code upscale} in SadTalker. */
    public static final int UPSCALE = 2;
    /** facexlib skips detections whose eyes are closer than this (side or tiny faces). */
    public static final double EYE_DIST_THRESHOLD = 5;

    /** Where GFPGAN's noise comes from. */
    public enum Noise {
        /** Fresh N(0, 1) maps per face, as inference does ({@code randomize_noise=True}). */
        RANDOM,
        /** The checkpoint's {@code noises.noise<i>} buffers ({@code randomize_noise=False}; reproducible). */
        STORED
    }

    /** Restored 512×512 faces (BGR, in detection order) and the pasted 2× picture (BGR). */
    public record Result(List<Image8> restoredFaces, Image8 image) {}

    private final NDManager modelManager;
    private final GFPGANv1Clean gfpgan;
    private final ParseNet parseNet;
    private final FiveLandmarkDetector detector;

    /** Wraps networks already loaded in {@code modelManager} (closed with this enhancer). */
    public GfpganEnhancer(NDManager modelManager, GFPGANv1Clean gfpgan, ParseNet parseNet, FiveLandmarkDetector detector) {
        this.modelManager = Objects.requireNonNull(modelManager);
        this.gfpgan = Objects.requireNonNull(gfpgan);
        this.parseNet = Objects.requireNonNull(parseNet);
        this.detector = detector;
        if (gfpgan.config().outSize() != FaceAlign.FACE_SIZE) {
            throw new IllegalArgumentException("the enhancer needs the 512 px GFPGAN, got " + gfpgan.config().outSize());
        }
    }

    /**
     * Loads {@code GFPGANv1.4.pth} ({@code params_ema}, else {@code params}) from {@code gfpganFile} and
     * {@code parsing_parsenet.pth} from {@code parsingFile} onto {@code device}, strictly (every key used
     * or known-unused).
     */
    public static GfpganEnhancer load(Path gfpganFile, Path parsingFile, FiveLandmarkDetector detector, Device device) {
        NDManager manager = Torch.newManager(device);
        try {
            GFPGANv1Clean g;
            try (Checkpoint ck = Checkpoint.open(gfpganFile)) {
                StateDict sd;
                try {
                    sd = StateDict.of(ck, "params_ema");
                } catch (RuntimeException noEma) {
                    sd = StateDict.of(ck, "params");
                }
                Params p = Params.of(sd, manager);
                g = new GFPGANv1Clean(p, GfpganConfig.GFPGAN_V14);
                p.finish(GFPGANv1Clean.unusedKeys());
            }
            ParseNet pn;
            try (Checkpoint ck = Checkpoint.open(parsingFile)) {
                Params p = Params.of(StateDict.of(ck, ""), manager);
                pn = new ParseNet(p, ParseNet.Config.REAL);
                p.finish();
            }
            return new GfpganEnhancer(manager, g, pn, detector);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * SadTalker's per-frame call: RGB frame → BGR → {@link #enhance(Image8)} → RGB, 2× the size.
     */
    public Image8 enhanceRgb(Image8 rgb) {
        return enhance(rgb.swapRedBlue()).image().swapRedBlue();
    }

    /** Detects faces with the configured detector and enhances them (random noise). */
    public Result enhance(Image8 bgr) {
        if (detector == null) {
            throw new IllegalStateException("no FiveLandmarkDetector was given to this enhancer");
        }
        return enhance(bgr, detector.detect(bgr), Noise.RANDOM);
    }

    /**
     * Enhances the faces of {@code detections} (RetinaFace rows) in {@code bgr}: rows with eye
     * distance below 5 px are skipped; every other face is restored and pasted, in order.
     */
    public Result enhance(Image8 bgr, List<FaceDetection> detections, Noise noise) {
        return enhance(bgr, detections, noise, null);
    }

    /**
     * As {@link #enhance(Image8, List, Noise)} with the given noise maps: face {@code k} (the k-th
     * restored) gets {@code noise.maps(k)}, as the original draws them, one set per restored face.
     */
    public Result enhance(Image8 bgr, List<FaceDetection> detections, FaceNoise noise) {
        return enhance(bgr, detections, null, Objects.requireNonNull(noise, "noise"));
    }

    /** The side of each StyleConv layer's noise map, in layer order (what {@link FaceNoise} supplies). */
    public int[] noiseSizes() {
        return gfpgan.noiseSizes();
    }

    private Result enhance(Image8 bgr, List<FaceDetection> detections, Noise kind, FaceNoise given) {
        List<Image8> restored = new ArrayList<>();
        List<PasteBack.Face> faces = new ArrayList<>();
        for (FaceDetection d : detections) {
            if (d.eyeDistance() < EYE_DIST_THRESHOLD) {
                continue;
            }
            double[] affine = FaceAlign.estimateAffine(d.landmarks5());
            Image8 crop = FaceAlign.warp(bgr, affine);
            try (NDManager scope = modelManager.newSubManager()) {
                NDArray x = scope.create(GfpganImages.toNetworkInput(crop, true), new Shape(1, 3, 512, 512));
                List<NDArray> n = given != null ? maps(given.maps(restored.size()), scope)
                        : kind == Noise.RANDOM ? gfpgan.randomNoise(scope) : gfpgan.storedNoise();
                // host: tensor2img rounds to 8-bit pixels, which the paste-back (OpenCV-style warps) reads in Java
                Image8 face = GfpganImages.tensor2img(gfpgan.forward(x, n).toFloatArray(), 512);
                NDArray px = scope.create(GfpganImages.toNetworkInput(face, false), new Shape(1, 3, 512, 512));
                NDArray classes = parseNet.forward(px).mask().argMax(1); // (1, 512, 512)
                // host: the parse classes become the soft mask that PasteBack builds in Java
                long[] c = classes.toLongArray();
                byte[] cls = new byte[c.length];
                for (int i = 0; i < c.length; i++) {
                    cls[i] = (byte) c[i];
                }
                restored.add(face);
                faces.add(new PasteBack.Face(face, affine, cls));
            }
        }
        return new Result(restored, PasteBack.paste(bgr, faces, UPSCALE));
    }

    private List<NDArray> maps(List<float[]> values, NDManager scope) {
        int[] sizes = gfpgan.noiseSizes();
        if (values.size() != sizes.length) {
            throw new IllegalArgumentException("GFPGAN needs " + sizes.length + " noise maps per face, got " + values.size());
        }
        List<NDArray> out = new ArrayList<>(sizes.length);
        for (int i = 0; i < sizes.length; i++) {
            int r = sizes[i];
            if (values.get(i).length != r * r) {
                throw new IllegalArgumentException("GFPGAN noise map " + i + " must be " + r + "x" + r + " ("
                        + (r * r) + " values), got " + values.get(i).length);
            }
            out.add(scope.create(values.get(i), new Shape(1, 1, r, r)));
        }
        return out;
    }

    @Override
    public void close() {
        modelManager.close();
    }
}
