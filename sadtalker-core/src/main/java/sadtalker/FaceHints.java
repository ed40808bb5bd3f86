package sadtalker;

import java.util.ArrayList;
import java.util.List;
import sadtalker.face.FaceGeometry;
import sadtalker.image.FaceDetection;

/**
 * Faces given to one generation instead of detected: the 68 landmarks of the face in the picture
 * (instead of RetinaFace + FAN on the picture), optionally its 68 landmarks in the 256 crop (the
 * original's second landmark pass), and optionally, per video frame, the faces GFPGAN restores
 * (what GFPGANer's RetinaFace returns for that frame). For replaying a recorded run exactly, and
 * for synthetic weights, which find no real face. Everything after the landmarks (crop, alignment,
 * 3DMM reconstruction, rendering) runs as usual.
 *
 * <p>With picture landmarks but no per-frame faces, GFPGAN restores the face at the given
 * landmarks (its five points: eye centres, nose tip, mouth corners) in every frame.
 */
public final class FaceHints {
    private final float[] sourceLandmarks;
    private final float[] frameLandmarks;
    private final List<List<FaceDetection>> enhancerFaces;

    private FaceHints(float[] sourceLandmarks, float[] frameLandmarks, List<List<FaceDetection>> enhancerFaces) {
        this.sourceLandmarks = sourceLandmarks;
        this.frameLandmarks = frameLandmarks;
        this.enhancerFaces = enhancerFaces;
    }

    /** Hints with the picture's 68 landmarks alone. */
    public static FaceHints ofLandmarks(float[] sourceLandmarks) {
        return builder().sourceLandmarks(sourceLandmarks).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The 68 (x, y) landmarks in picture pixels, or null (detected). */
    public float[] sourceLandmarks() {
        return sourceLandmarks == null ? null : sourceLandmarks.clone();
    }

    /** The 68 (x, y) landmarks in the 256 crop, or null (the picture's carried through the crop). */
    public float[] frameLandmarks() {
        return frameLandmarks == null ? null : frameLandmarks.clone();
    }

    /** True when GFPGAN's faces are given per frame. */
    public boolean hasEnhancerFaces() {
        return enhancerFaces != null;
    }

    /** The number of frames whose GFPGAN faces are given (0 without). */
    public int enhancerFrames() {
        return enhancerFaces == null ? 0 : enhancerFaces.size();
    }

    /** Fails, naming the hint, if the per-frame faces do not fit a video of {@code frames} frames. */
    public void checkFrames(int frames) {
        if (enhancerFaces != null && enhancerFaces.size() != frames) {
            throw new IllegalArgumentException("the given enhancer faces cover " + enhancerFaces.size()
                    + " frames, the audio gives " + frames);
        }
    }

    /** GFPGAN's faces in frame {@code frame}, in the pixels of the picture it enhances. */
    List<FaceDetection> enhancerFaces(int frame) {
        if (frame >= enhancerFaces.size()) {
            throw new IllegalArgumentException("the given enhancer faces cover " + enhancerFaces.size()
                    + " frames; frame " + frame + " was asked for");
        }
        return enhancerFaces.get(frame);
    }

    /** The face stage's form of the landmarks, or null when the picture's face is to be detected. */
    FaceGeometry geometry() {
        return sourceLandmarks == null ? null : new FaceGeometry(sourceLandmarks, frameLandmarks);
    }

    /** Collects hints; {@link #build()} checks them. */
    public static final class Builder {
        private float[] sourceLandmarks;
        private float[] frameLandmarks;
        private List<List<FaceDetection>> enhancerFaces;

        private Builder() {}

        /** 136 floats {@code (x0, y0, …, x67, y67)} in picture pixels. */
        public Builder sourceLandmarks(float[] lm68) {
            this.sourceLandmarks = landmarks(lm68, "picture");
            return this;
        }

        /** 136 floats in the pixels of the 256 crop. */
        public Builder frameLandmarks(float[] lm68) {
            this.frameLandmarks = landmarks(lm68, "crop");
            return this;
        }

        /**
         * GFPGAN's faces per frame, {@code [frames, faces, 15]} row-major: per face RetinaFace's
         * {@code x1, y1, x2, y2, score} and five {@code (x, y)} points (eyes, nose, mouth corners),
         * in the pixels of the picture GFPGAN enhances (the resized crop, or the pasted-back
         * picture in {@link Mode#FULL}).
         */
        public Builder enhancerDetections(float[] rows, int frames, int faces) {
            if (frames < 0 || faces < 0 || rows == null || rows.length != (long) frames * faces * 15) {
                throw new IllegalArgumentException("enhancer detections must be " + frames + "x" + faces
                        + "x15 values, got " + (rows == null ? "none" : rows.length));
            }
            List<List<FaceDetection>> all = new ArrayList<>(frames);
            for (int t = 0; t < frames; t++) {
                List<FaceDetection> perFrame = new ArrayList<>(faces);
                for (int f = 0; f < faces; f++) {
                    float[] row = new float[15];
                    System.arraycopy(rows, (t * faces + f) * 15, row, 0, 15);
                    perFrame.add(FaceDetection.ofRow(row));
                }
                all.add(List.copyOf(perFrame));
            }
            this.enhancerFaces = List.copyOf(all);
            return this;
        }

        private static float[] landmarks(float[] lm68, String where) {
            if (lm68 == null || lm68.length != 136) {
                throw new IllegalArgumentException("the " + where + "'s landmarks must be 68 (x, y) points (136 floats), got "
                        + (lm68 == null ? "none" : lm68.length));
            }
            for (float v : lm68) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("the " + where + "'s landmarks hold a non-finite value " + v);
                }
            }
            return lm68.clone();
        }

        /** The hints. @throws IllegalArgumentException if crop landmarks come without the picture's */
        public FaceHints build() {
            if (frameLandmarks != null && sourceLandmarks == null) {
                throw new IllegalArgumentException("crop landmarks need the picture's landmarks too");
            }
            return new FaceHints(sourceLandmarks, frameLandmarks, enhancerFaces);
        }
    }
}
