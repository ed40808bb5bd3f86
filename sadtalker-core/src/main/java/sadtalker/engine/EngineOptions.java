package sadtalker.engine;

import ai.djl.Device;
import java.nio.file.Path;
import sadtalker.face.FaceGeometry;
import sadtalker.video.Mp4Writer;

/**
 * How a {@link sadtalker.SadTalkerEngine} is built and runs.
 *
 * @param modelsDir the official checkpoints under their official names
 * @param outputDir where the MP4 files go
 * @param device where the networks run (CUDA on a server, CPU for development)
 * @param batchSize frames rendered per batch (SadTalker's {@code --batch_size}, default 2)
 * @param enhance run GFPGAN on every frame ({@code --enhancer gfpgan}); both modes do by default
 * @param seed seeds the random eye blinks, the pose latent and GFPGAN's noise, so that the same
 *     inputs give the same video
 * @param poseStyle SadTalker's {@code --pose_style}, 0…45
 * @param maxAudioSeconds longer recordings are refused
 * @param videoCodec FFmpeg's H.264 encoder: {@code libopenh264} (CPU) or {@code h264_nvenc} (NVIDIA)
 * @param faceThreshold RetinaFace keeps faces scoring above this, in the picture and (GFPGAN) in
 *     every frame; 0.97 as in SadTalker and GFPGANer
 * @param faceGeometry landmarks to use instead of detecting the face, or null (tests and
 *     benchmarks with synthetic weights only: see {@link FaceGeometry})
 */
public record EngineOptions(Path modelsDir, Path outputDir, Device device, int batchSize, boolean enhance, long seed,
        int poseStyle, double maxAudioSeconds, String videoCodec, float faceThreshold, FaceGeometry faceGeometry) {

    public EngineOptions {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (poseStyle < 0 || poseStyle > 45) {
            throw new IllegalArgumentException("pose style must be 0…45, got " + poseStyle);
        }
        if (!(faceThreshold >= 0 && faceThreshold < 1)) {
            throw new IllegalArgumentException("face detection threshold must be in [0, 1), got " + faceThreshold);
        }
        if (!(maxAudioSeconds > 0)) {
            throw new IllegalArgumentException("maximum audio length must be positive, got " + maxAudioSeconds);
        }
    }

    /** SadTalker's defaults: batch 2, GFPGAN on, pose style 0, CPU, output in {@code output/}. */
    public static EngineOptions defaults(Path modelsDir) {
        return new EngineOptions(modelsDir, Path.of("output"), Device.cpu(), 2, true, 0, 0, 600, Mp4Writer.VIDEO_CODEC,
                0.97f, null);
    }

    public EngineOptions withOutputDir(Path dir) {
        return new EngineOptions(modelsDir, dir, device, batchSize, enhance, seed, poseStyle, maxAudioSeconds, videoCodec,
                faceThreshold, faceGeometry);
    }

    public EngineOptions withDevice(Device d) {
        return new EngineOptions(modelsDir, outputDir, d, batchSize, enhance, seed, poseStyle, maxAudioSeconds, videoCodec,
                faceThreshold, faceGeometry);
    }

    public EngineOptions withBatchSize(int n) {
        return new EngineOptions(modelsDir, outputDir, device, n, enhance, seed, poseStyle, maxAudioSeconds, videoCodec,
                faceThreshold, faceGeometry);
    }

    public EngineOptions withEnhance(boolean on) {
        return new EngineOptions(modelsDir, outputDir, device, batchSize, on, seed, poseStyle, maxAudioSeconds, videoCodec,
                faceThreshold, faceGeometry);
    }

    public EngineOptions withSeed(long s) {
        return new EngineOptions(modelsDir, outputDir, device, batchSize, enhance, s, poseStyle, maxAudioSeconds, videoCodec,
                faceThreshold, faceGeometry);
    }

    public EngineOptions withVideoCodec(String codec) {
        return new EngineOptions(modelsDir, outputDir, device, batchSize, enhance, seed, poseStyle, maxAudioSeconds, codec,
                faceThreshold, faceGeometry);
    }

    public EngineOptions withMaxAudioSeconds(double s) {
        return new EngineOptions(modelsDir, outputDir, device, batchSize, enhance, seed, poseStyle, s, videoCodec,
                faceThreshold, faceGeometry);
    }

    public EngineOptions withFaceGeometry(FaceGeometry g) {
        return new EngineOptions(modelsDir, outputDir, device, batchSize, enhance, seed, poseStyle, maxAudioSeconds, videoCodec,
                faceThreshold, g);
    }

    public EngineOptions withFaceThreshold(float t) {
        return new EngineOptions(modelsDir, outputDir, device, batchSize, enhance, seed, poseStyle, maxAudioSeconds, videoCodec,
                t, faceGeometry);
    }
}
