package sadtalker;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One generation: the speech recording, the face picture, the {@link Mode}, and what may vary
 * per call. Made with {@link #builder(Path, Path, Mode)}.
 *
 * @param audio the speech recording (WAV, MP3, … anything FFmpeg decodes)
 * @param image the face picture (PNG, JPEG, …; the content decides, not the name)
 * @param mode what to produce
 * @param progress receives progress; {@link ProgressListener#NONE} by default
 * @param draws the random draws; null: drawn from the engine's seed ({@link EngineOptions#seed()})
 * @param faces faces given instead of detected; null: detected
 * @param tap receives the intermediate results; {@link StageTap#NONE} by default
 */
public record GenerationRequest(Path audio, Path image, Mode mode, ProgressListener progress, Draws draws,
        FaceHints faces, StageTap tap) {

    public GenerationRequest {
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(progress, "progress listener");
        Objects.requireNonNull(tap, "tap");
    }

    /** A request with the defaults: progress ignored, seeded draws, detected faces, no tap. */
    public static GenerationRequest of(Path audio, Path image, Mode mode) {
        return builder(audio, image, mode).build();
    }

    public static Builder builder(Path audio, Path image, Mode mode) {
        return new Builder(audio, image, mode);
    }

    /** Collects a request's settings. */
    public static final class Builder {
        private final Path audio;
        private final Path image;
        private final Mode mode;
        private ProgressListener progress = ProgressListener.NONE;
        private Draws draws;
        private FaceHints faces;
        private StageTap tap = StageTap.NONE;

        private Builder(Path audio, Path image, Mode mode) {
            this.audio = audio;
            this.image = image;
            this.mode = mode;
        }

        public Builder progress(ProgressListener listener) {
            this.progress = listener;
            return this;
        }

        /** Draws to use (given or {@link Draws#seeded(long) seeded}) instead of the engine's seed. */
        public Builder draws(Draws d) {
            this.draws = d;
            return this;
        }

        public Builder faces(FaceHints hints) {
            this.faces = hints;
            return this;
        }

        public Builder tap(StageTap t) {
            this.tap = t;
            return this;
        }

        public GenerationRequest build() {
            return new GenerationRequest(audio, image, mode, progress, draws, faces, tap);
        }
    }
}
