package sadtalker;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import sadtalker.face.SourceAnalysis;

/**
 * Test access to the engine's package-private {@link RenderStage}, for tests that render from stage
 * outputs without the whole engine (the e2e early-stage test). Nothing else: the product reaches the
 * renderer only through {@link SadTalkerEngine}.
 */
public final class RenderStageAccess implements AutoCloseable {
    /** Receives each rendered batch, as {@link RenderStage}'s sink. */
    public interface Sink {
        void accept(int done, int total, NDArray frames);
    }

    private final RenderStage stage;

    private RenderStageAccess(RenderStage stage) {
        this.stage = stage;
    }

    public static RenderStageAccess load(Path modelsDir, Device device) {
        return new RenderStageAccess(RenderStage.load(modelsDir, device));
    }

    public int render(Mode mode, float[][] coeffs, SourceAnalysis face, int batchSize, NDManager scope, Sink sink) {
        return stage.render(mode, coeffs, face, batchSize, scope, sink::accept);
    }

    @Override
    public void close() {
        stage.close();
    }
}
