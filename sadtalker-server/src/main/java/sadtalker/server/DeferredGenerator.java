package sadtalker.server;

import java.nio.file.Path;
import sadtalker.GenerationResult;
import sadtalker.Mode;
import sadtalker.ProgressListener;
import sadtalker.TalkingHeadGenerator;

/**
 * Lets the job queue be built before the models have loaded: the worker starts only after
 * {@link #set}, so no job ever reaches it unset.
 */
final class DeferredGenerator implements TalkingHeadGenerator {
    private volatile TalkingHeadGenerator delegate;

    void set(TalkingHeadGenerator generator) {
        this.delegate = generator;
    }

    @Override
    public GenerationResult generate(Path audio, Path image, Mode mode, ProgressListener progress) {
        TalkingHeadGenerator g = delegate;
        if (g == null) {
            throw new IllegalStateException("the models are not loaded yet");
        }
        return g.generate(audio, image, mode, progress);
    }

    @Override
    public void close() {
        // the real generator is closed by its owner
    }
}
