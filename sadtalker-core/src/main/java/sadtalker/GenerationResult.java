package sadtalker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What one generation produced.
 *
 * @param output the MP4 file, already complete at its final name
 * @param frames number of video frames (25 per second)
 * @param duration length of the video
 * @param timings wall time per pipeline stage, in pipeline order
 */
public record GenerationResult(Path output, int frames, Duration duration, Map<String, Duration> timings) {
    public GenerationResult {
        timings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(timings));   // keeps pipeline order
    }
}
