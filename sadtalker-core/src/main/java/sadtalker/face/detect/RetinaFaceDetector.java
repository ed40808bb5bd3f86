package sadtalker.face.detect;

import sadtalker.image.FaceDetection;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import sadtalker.image.Image8;

/**
 * facexlib {@code RetinaFace.detect_faces(img, 0.97)} as SadTalker calls it, in its two flavours:
 * {@code croper.get_landmark} passes the RGB numpy array, which the original uses AS IS as if it
 * were BGR ({@code asBgr=false} here reproduces that: channel 0 = R gets mean 104), while
 * {@code extract_keypoint} passes a PIL image, which is properly converted to BGR first.
 */
public final class RetinaFaceDetector {
    private static final float[] MEAN = {104f, 117f, 123f};

    private final RetinaFace net;
    private final float threshold;

    public RetinaFaceDetector(RetinaFace net) {
        this(net, RetinaFaceDecoder.CONF_THRESHOLD);
    }

    /** @param threshold keep detections scoring strictly above this (SadTalker and GFPGANer: 0.97) */
    public RetinaFaceDetector(RetinaFace net, float threshold) {
        if (!(threshold >= 0 && threshold < 1)) {
            throw new IllegalArgumentException("face detection threshold must be in [0, 1), got " + threshold);
        }
        this.net = net;
        this.threshold = threshold;
    }

    /**
     * Detections of {@code image}, best first.
     *
     * @param convertToBgr true for the PIL path (RGB → BGR), false for the numpy path (RGB used as BGR)
     */
    public List<FaceDetection> detect(Image8 image, boolean convertToBgr, NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray input = scope.create(input(image, convertToBgr), new Shape(1, 3, image.height(), image.width()));
            RetinaFace.Heads heads = net.forward(input);
            // host: prior-box decoding and NMS (RetinaFaceDecoder) run in Java, as facexlib runs them in numpy
            return RetinaFaceDecoder.decode(heads.loc().toFloatArray(), heads.conf().toFloatArray(),
                    heads.landms().toFloatArray(), image.height(), image.width(), threshold,
                    RetinaFaceDecoder.NMS_THRESHOLD);
        }
    }

    /** The network input, CHW float: channel k = pixel channel (2 − k if converting) − mean[k]. */
    static float[] input(Image8 image, boolean convertToBgr) {
        int hw = image.width() * image.height();
        byte[] d = image.pixels();
        float[] out = new float[3 * hw];
        for (int k = 0; k < 3; k++) {
            int src = convertToBgr ? 2 - k : k;
            for (int i = 0; i < hw; i++) {
                out[k * hw + i] = (d[3 * i + src] & 0xFF) - MEAN[k];
            }
        }
        return out;
    }
}
