package sadtalker.engine;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Wall time per pipeline stage, in the order the stages first ran. */
public final class Timings {
    private final Map<String, Duration> timings = new LinkedHashMap<>();
    private String stage;
    private long start;

    /** Ends the running stage (if any) and starts {@code next}. */
    public void begin(String next) {
        end();
        stage = next;
        start = System.nanoTime();
    }

    /** Adds {@code nanos} to {@code name}, for per-frame stages interleaved with another one. */
    public void add(String name, long nanos) {
        timings.merge(name, Duration.ofNanos(nanos), Duration::plus);
    }

    /** Ends the running stage. */
    public void end() {
        if (stage != null) {
            add(stage, System.nanoTime() - start);
            stage = null;
        }
    }

    /** All stages so far (ends the running one). */
    public Map<String, Duration> timings() {
        end();
        return Map.copyOf(new LinkedHashMap<>(timings));
    }
}
