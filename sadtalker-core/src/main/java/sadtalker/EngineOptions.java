package sadtalker;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.Objects;
import sadtalker.video.Mp4Writer;

/**
 * How a {@link SadTalkerEngine} is built and runs. Made with {@link #builder(Path)} (or
 * {@link #defaults(Path)}); {@link #toBuilder()} starts a variant.
 *
 * @param modelsDir the official checkpoints under their official names
 * @param outputDir where the MP4 files go
 * @param device where the networks run (CUDA on a server, CPU for development)
 * @param batchSize frames rendered per batch (SadTalker's {@code --batch_size}, default 2)
 * @param enhance run GFPGAN on every frame ({@code --enhancer gfpgan}); both modes do by default
 * @param seed seeds the random eye blinks, the pose latent and GFPGAN's noise, so that the same
 *     inputs give the same video ({@link Draws#seeded(long)}; a request may bring its own {@link Draws})
 * @param poseStyle SadTalker's {@code --pose_style}, 0…45
 * @param maxAudioSeconds longer recordings are refused
 * @param videoCodec FFmpeg's H.264 encoder: {@code libopenh264} (CPU) or {@code h264_nvenc} (NVIDIA)
 * @param faceThreshold RetinaFace keeps faces scoring above this, in the picture and (GFPGAN) in
 *     every frame; 0.97 as in SadTalker and GFPGANer
 * @param oldVersion SadTalker's {@code --old_version}: the legacy {@code .pth} checkpoints
 *     ({@code auido2exp_00300-model.pth}, {@code auido2pose_00140-model.pth},
 *     {@code facevid2vid_00189-model.pth.tar}, {@code epoch_20.pth}) instead of the safetensors file
 * @param size SadTalker's {@code --size}, 256 or 512: the crop and renderer image size, and (without
 *     {@code oldVersion}) which {@code SadTalker_V0.0.2_<size>.safetensors} is loaded
 */
public record EngineOptions(Path modelsDir, Path outputDir, Device device, int batchSize, boolean enhance, long seed,
        int poseStyle, double maxAudioSeconds, String videoCodec, float faceThreshold, boolean oldVersion, int size) {

    public EngineOptions {
        Objects.requireNonNull(modelsDir, "models directory");
        Objects.requireNonNull(outputDir, "output directory");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(videoCodec, "video codec");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (poseStyle < 0 || poseStyle > 45) {
            throw new IllegalArgumentException("pose style must be 0…45, got " + poseStyle);
        }
        if (!(faceThreshold >= 0 && faceThreshold < 1)) {
            throw new IllegalArgumentException("face detection threshold must be in [0, 1), got " + faceThreshold);
        }
        if (sizeProblem(size) != null) {
            throw new IllegalArgumentException(sizeProblem(size));
        }
        if (!(maxAudioSeconds > 0)) {
            throw new IllegalArgumentException("maximum audio length must be positive, got " + maxAudioSeconds);
        }
    }

    /**
     * Why {@code size} is no SadTalker size, as every shell says it ({@code "size must be 256 or
     * 512 ..."}, the shells prefixing their flag's dashes), or null for 256 and 512.
     */
    public static String sizeProblem(int size) {
        return sadtalker.model.ModelFile.SIZES.contains(size) ? null : sadtalker.model.ModelFile.sizeProblem(size);
    }

    /** SadTalker's defaults: batch 2, GFPGAN on, pose style 0, size 256, safetensors checkpoints, CPU, output in {@code output/}. */
    public static EngineOptions defaults(Path modelsDir) {
        return builder(modelsDir).build();
    }

    /** A builder holding {@link #defaults(Path)}. */
    public static Builder builder(Path modelsDir) {
        return new Builder(modelsDir);
    }

    /** A builder holding these options. */
    public Builder toBuilder() {
        Builder b = new Builder(modelsDir);
        b.outputDir = outputDir;
        b.device = device;
        b.batchSize = batchSize;
        b.enhance = enhance;
        b.seed = seed;
        b.poseStyle = poseStyle;
        b.maxAudioSeconds = maxAudioSeconds;
        b.videoCodec = videoCodec;
        b.faceThreshold = faceThreshold;
        b.oldVersion = oldVersion;
        b.size = size;
        return b;
    }

    /** Collects options; {@link #build()} checks them all at once. */
    public static final class Builder {
        private final Path modelsDir;
        private Path outputDir = Path.of("output");
        private Device device = Device.cpu();
        private int batchSize = 2;
        private boolean enhance = true;
        private long seed;
        private int poseStyle;
        private double maxAudioSeconds = 600;
        private String videoCodec = Mp4Writer.VIDEO_CODEC;
        private float faceThreshold = 0.97f;
        private boolean oldVersion;
        private int size = 256;

        private Builder(Path modelsDir) {
            this.modelsDir = modelsDir;
        }

        public Builder outputDir(Path dir) {
            this.outputDir = dir;
            return this;
        }

        public Builder device(Device d) {
            this.device = d;
            return this;
        }

        public Builder batchSize(int n) {
            this.batchSize = n;
            return this;
        }

        public Builder enhance(boolean on) {
            this.enhance = on;
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        public Builder poseStyle(int style) {
            this.poseStyle = style;
            return this;
        }

        public Builder maxAudioSeconds(double s) {
            this.maxAudioSeconds = s;
            return this;
        }

        public Builder videoCodec(String codec) {
            this.videoCodec = codec;
            return this;
        }

        public Builder faceThreshold(float t) {
            this.faceThreshold = t;
            return this;
        }

        /** SadTalker's {@code --old_version}: load the legacy {@code .pth} checkpoints (default false). */
        public Builder oldVersion(boolean on) {
            this.oldVersion = on;
            return this;
        }

        /** SadTalker's {@code --size}: 256 (default) or 512. */
        public Builder size(int pixels) {
            this.size = pixels;
            return this;
        }

        /** The options. @throws IllegalArgumentException naming the first value out of range */
        public EngineOptions build() {
            return new EngineOptions(modelsDir, outputDir, device, batchSize, enhance, seed, poseStyle, maxAudioSeconds,
                    videoCodec, faceThreshold, oldVersion, size);
        }
    }
}
