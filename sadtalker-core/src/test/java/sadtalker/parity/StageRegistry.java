package sadtalker.parity;

import java.util.Map;
import java.util.TreeMap;

/**
 * Which stages have a Java runner. Each area registers its stages in one place; a stage that is
 * not here is reported as NOT-IMPLEMENTED (skipped), never silently passed over.
 */
public final class StageRegistry {
    private final Map<String, StageRunner> runners = new TreeMap<>();

    /** The registry with every stage implemented so far. */
    public static StageRegistry all() {
        StageRegistry r = new StageRegistry();
        PreprocessStages.register(r);
        OpStages.register(r);
        AudioStages.register(r);
        EnhanceStages.register(r);
        FacerenderStages.register(r);
        return r;
    }

    /** Registers {@code runner} for {@code stage}; a stage may be registered once. */
    public void register(String stage, StageRunner runner) {
        if (runners.putIfAbsent(stage, runner) != null) {
            throw new IllegalStateException("stage " + stage + " registered twice");
        }
    }

    /** The runner of {@code stage}, or null if there is none yet. */
    public StageRunner get(String stage) {
        return runners.get(stage);
    }
}
