package sadtalker;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wall time per pipeline stage, in the order the stages first ran. Per-frame stages reported with
 * {@link #add} while a stage is running (resize, paste, enhance, encode run inside "render") are
 * subtracted from that stage, so every stage's time is its own.
 */
final class Timings {
    private final Map<String, Duration> timings = new LinkedHashMap<>();
    private String stage;
    private long start;
    private long nested;

    /** Ends the running stage (if any) and starts {@code next}. */
    public void begin(String next) {
        end();
        timings.putIfAbsent(next, Duration.ZERO);   // its place in the order is when it began
        stage = next;
        start = System.nanoTime();
        nested = 0;
    }

    /** Adds {@code nanos} to {@code name}, work done inside the running stage. */
    public void add(String name, long nanos) {
        merge(name, nanos);
        nested += nanos;
    }

    /** Ends the running stage. */
    public void end() {
        if (stage != null) {
            merge(stage, System.nanoTime() - start - nested);
            stage = null;
        }
    }

    private void merge(String name, long nanos) {
        timings.merge(name, Duration.ofNanos(nanos), Duration::plus);
    }

    /** All stages so far, in order (ends the running one). */
    public Map<String, Duration> timings() {
        end();
        return Collections.unmodifiableMap(new LinkedHashMap<>(timings));
    }
}
