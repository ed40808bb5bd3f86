package sadtalker.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The service's settings: each a command-line flag with an environment variable as default.
 * Parsed by picocli ({@link SadTalkerServer}).
 */
final class ServerConfig {
    @Option(names = "--port", defaultValue = "${env:SADTALKER_PORT:-8080}", description = "HTTP port (env SADTALKER_PORT).")
    int port;

    @Option(names = "--models", defaultValue = "${env:SADTALKER_MODELS:-models}",
            description = "Directory of the official checkpoints (env SADTALKER_MODELS).")
    Path models;

    @Option(names = "--output", defaultValue = "${env:SADTALKER_OUTPUT:-output}",
            description = "Directory the MP4 files are written to (env SADTALKER_OUTPUT).")
    Path output;

    @Option(names = "--input-root", split = ":", defaultValue = "${env:SADTALKER_INPUT_ROOTS:-.}",
            description = "Directories request paths must lie in, ':'-separated or repeated (env SADTALKER_INPUT_ROOTS).")
    List<Path> inputRoots = new ArrayList<>();

    @Option(names = "--data-dir", defaultValue = "${env:SADTALKER_DATA_DIR:-data}",
            description = "Where the embedded job database (H2) lives (env SADTALKER_DATA_DIR).")
    Path dataDir;

    @Option(names = "--jdbc-url", defaultValue = "${env:SADTALKER_JDBC_URL}",
            description = "A shared job database, e.g. jdbc:postgresql://host/db, instead of the embedded one (env SADTALKER_JDBC_URL).")
    String jdbcUrl;

    @Option(names = "--jdbc-user", defaultValue = "${env:SADTALKER_JDBC_USER}", description = "env SADTALKER_JDBC_USER")
    String jdbcUser;

    @Option(names = "--jdbc-password", defaultValue = "${env:SADTALKER_JDBC_PASSWORD}", description = "env SADTALKER_JDBC_PASSWORD")
    String jdbcPassword;

    @Option(names = "--max-queued", defaultValue = "${env:SADTALKER_MAX_QUEUED:-100}",
            description = "Refuse new jobs with 503 while this many wait (env SADTALKER_MAX_QUEUED).")
    int maxQueued;

    @Option(names = "--batch-size", defaultValue = "${env:SADTALKER_BATCH_SIZE:-2}",
            description = "Frames rendered per batch (env SADTALKER_BATCH_SIZE).")
    int batchSize;

    @Option(names = "--workers", defaultValue = "${env:SADTALKER_WORKERS:-1}",
            description = "Jobs run at once; one per GPU (env SADTALKER_WORKERS).")
    int workers;

    @Option(names = "--retries", defaultValue = "${env:SADTALKER_RETRIES:-2}",
            description = "Retries of a job that failed for a reason other than its input (env SADTALKER_RETRIES).")
    int retries;

    @Option(names = "--poll-seconds", defaultValue = "${env:SADTALKER_POLL_SECONDS:-5}",
            description = "How often a worker looks for queued jobs; JobRunr's minimum is 5 (env SADTALKER_POLL_SECONDS).")
    int pollSeconds;

    @Option(names = "--face-threshold", defaultValue = "${env:SADTALKER_FACE_THRESHOLD:-0.97}",
            description = "Detection score a face must exceed, 0.97 as SadTalker (env SADTALKER_FACE_THRESHOLD).")
    float faceThreshold;

    @Option(names = "--video-codec", defaultValue = "${env:SADTALKER_VIDEO_CODEC:-libopenh264}",
            description = "FFmpeg H.264 encoder: libopenh264 (CPU) or h264_nvenc (NVIDIA) (env SADTALKER_VIDEO_CODEC).")
    String videoCodec;

    @Option(names = "--allow-cpu", description = "Start without CUDA. For development and tests only: CPU generation is far too slow to serve.")
    boolean allowCpu;

    JobQueue.Settings queueSettings() {
        return new JobQueue.Settings(maxQueued, workers, retries, Duration.ofSeconds(pollSeconds));
    }
}
