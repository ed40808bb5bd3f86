package sadtalker.face;

import sadtalker.image.SourceImageException;
import sadtalker.face.align.CropMode;
import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import sadtalker.image.SourceImageException.Kind;
import sadtalker.face.align.FaceCropper;
import sadtalker.face.align.FanLandmarks;
import sadtalker.face.align.Landmarks98To68;
import sadtalker.image.FaceDetection;
import sadtalker.face.detect.RetinaFaceDecoder;
import sadtalker.face.detect.RetinaFaceDetector;
import sadtalker.image.Image8;
import sadtalker.image.SourceImageLoader;
import sadtalker.face.recon.AlignImg;
import sadtalker.face.recon.Coeffs3dmm;
import sadtalker.face.recon.Lm3dStd;

/**
 * SadTalker's {@code CropAndExtract.generate(path, …, mode, source_image_flag=True, pic_size)} for
 * one source image: load, detect the best face on the whole image (RGB array used as BGR, as the
 * original's {@code croper.get_landmark}), FAN landmarks, {@code align_face} crop, the
 * {@code pic_size} frame, landmarks again on the frame (PIL path, proper BGR), {@code align_img},
 * the reconstruction network and the 73 coefficients.
 *
 * <p>The models' tensors stay in the manager given at construction; each call works in its own
 * sub-manager and frees everything it made. Concurrent calls on one instance are not tested:
 * serialise them or use one analyzer per thread.
 *
 * <p>Cost: the detector runs at the source image's own size, as the original does
 * ({@code use_origin_size=True}), so time and memory grow with the pixel count.
 */
public final class SourceImageAnalyzer implements AutoCloseable {
    /** SadTalker's default {@code --size}. */
    public static final int DEFAULT_PIC_SIZE = 256;

    private final NDManager manager;
    private final boolean ownsManager;
    private final RetinaFaceDetector detector;
    private final FanLandmarks landmarks;
    private final FaceModels models;

    /** Uses already loaded models whose tensors live in {@code manager} (not closed by {@link #close}). */
    public SourceImageAnalyzer(FaceModels models, NDManager manager) {
        this(models, manager, false, RetinaFaceDecoder.CONF_THRESHOLD);
    }

    private SourceImageAnalyzer(FaceModels models, NDManager manager, boolean ownsManager, float threshold) {
        this.models = models;
        this.manager = manager;
        this.ownsManager = ownsManager;
        this.detector = new RetinaFaceDetector(models.detector(), threshold);
        this.landmarks = new FanLandmarks(models.alignment());
    }

    /**
     * Loads the three models from {@code modelsDir} (see {@link FaceModels#load}) onto {@code device}, in a
     * manager of its own, keeping faces whose detection score exceeds {@code detectionThreshold} (0.97 in SadTalker).
     */
    public static SourceImageAnalyzer load(Path modelsDir, float detectionThreshold, Device device) {
        return load(modelsDir, ReconWeights.SAFETENSORS_256, detectionThreshold, device);
    }

    /** As {@link #load(Path, float, Device)}, with the 3DMM reconstruction weights from {@code recon}. */
    public static SourceImageAnalyzer load(Path modelsDir, ReconWeights recon, float detectionThreshold, Device device) {
        NDManager m = sadtalker.nn.Torch.newManager(device);
        try {
            return new SourceImageAnalyzer(FaceModels.load(modelsDir, recon, m), m, true, detectionThreshold);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** The RetinaFace detector, shared with the enhancer (GFPGANer runs the same network on each frame). */
    public RetinaFaceDetector detector() {
        return detector;
    }

    /** Analyses the image file at {@code image} with a 256 frame. */
    public SourceAnalysis analyze(Path image, CropMode mode) {
        return analyze(image, mode, DEFAULT_PIC_SIZE);
    }

    /** Analyses the image file at {@code image}; {@code picSize} is SadTalker's {@code --size} (256 or 512). */
    public SourceAnalysis analyze(Path image, CropMode mode, int picSize) {
        return analyze(SourceImageLoader.load(image), image, mode, picSize);
    }

    /** Analyses a decoded RGB image; {@code name} names it in errors. */
    public SourceAnalysis analyze(Image8 image, Path name, CropMode mode, int picSize) {
        return analyze(image, name, mode, picSize, null);
    }

    /**
     * As {@link #analyze(Image8, Path, CropMode, int)}; with {@code geometry}, its landmarks are
     * used instead of detecting the face (tests and benchmarks with synthetic weights).
     */
    public SourceAnalysis analyze(Image8 image, Path name, CropMode mode, int picSize, FaceGeometry geometry) {
        if (picSize < 64 || picSize > 2048) {
            throw new IllegalArgumentException("pic_size " + picSize + " is outside 64..2048 (SadTalker uses 256 or 512)");
        }
        try (NDManager scope = manager.newSubManager()) {
            FaceCropper.Result crop;
            try {
                float[] lmSource = geometry != null ? geometry.source() : mode.crops()
                        ? landmarks68(image, false, name, "the image", scope) : null;
                crop = mode.crops() ? FaceCropper.crop(image, lmSource, mode, picSize)
                        : FaceCropper.resizeOnly(image, picSize);
            } catch (IllegalArgumentException e) {
                // degenerate landmarks or an empty crop box: the original would fail inside numpy/cv2
                throw new SourceImageException(Kind.NO_FACE, name, "no usable face: " + e.getMessage(), e);
            }
            float[] lmFrame = geometry != null && mode.crops()
                    ? geometry.frameOf(crop.info(), image.width(), image.height(), picSize)
                    : landmarks68(crop.frame(), true, name, "the cropped " + picSize + "×" + picSize + " frame", scope);
            AlignImg.Result aligned = AlignImg.align(crop.frame(), lmFrame, Lm3dStd.standard());
            NDArray input = scope.create(AlignImg.netInput(aligned.image()),
                    new Shape(1, 3, AlignImg.TARGET_SIZE, AlignImg.TARGET_SIZE));
            // host: the 257 coefficients are split and returned as plain numbers (Coeffs3dmm)
            float[] full = models.recon().forward(input).toFloatArray();
            float[] coeff = Coeffs3dmm.coeff3dmm(full, aligned.transParams());
            return new SourceAnalysis(crop.frame(), coeff, full, lmFrame, crop.info(), image, crop.quad());
        }
    }

    /**
     * {@code croper.get_landmark} ({@code pil=false}) or {@code extract_keypoint} ({@code pil=true}):
     * the best detection's box slice ({@code int()} of the corners; a negative corner, which numpy
     * would wrap around, is clamped to 0), FAN, 98 → 68, plus the box origin.
     */
    private float[] landmarks68(Image8 img, boolean pil, Path name, String where, NDManager scope) {
        List<FaceDetection> dets = detector.detect(img, pil, scope);
        if (dets.isEmpty()) {
            throw new SourceImageException(Kind.NO_FACE, name, "no face found in " + where + " (" + img.width() + "×"
                    + img.height() + ")");
        }
        FaceDetection d = dets.get(0);
        int x1 = Math.max((int) d.x1(), 0);
        int y1 = Math.max((int) d.y1(), 0);
        int x2 = Math.min((int) d.x2(), img.width());
        int y2 = Math.min((int) d.y2(), img.height());
        if (x2 - x1 < 2 || y2 - y1 < 2) {
            throw new SourceImageException(Kind.NO_FACE, name, "no usable face in " + where + ": the best detection ["
                    + d.x1() + ", " + d.y1() + ", " + d.x2() + ", " + d.y2() + "] is (almost) empty inside the image");
        }
        float[] lm = Landmarks98To68.convert(landmarks.landmarks98(img.slice(y1, x1, y2, x2), scope));
        for (int i = 0; i < 68; i++) {
            lm[2 * i] += x1;
            lm[2 * i + 1] += y1;
        }
        return lm;
    }

    @Override
    public void close() {
        if (ownsManager) {
            manager.close();
        }
    }
}
