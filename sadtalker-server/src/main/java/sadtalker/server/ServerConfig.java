package sadtalker.server;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;
import sadtalker.EngineOptions;

/**
 * The service's settings: each a command-line flag with an environment variable as default.
 * Parsed by picocli ({@link SadTalkerServer}).
 */
final class ServerConfig {
    @Option(names = "--port", defaultValue = "${env:SADTALKER_PORT:-8080}", description = "HTTP port (env SADTALKER_PORT).")
    int port;

    @Option(names = "--host", defaultValue = "${env:SADTALKER_HOST:-127.0.0.1}",
            description = "Address to listen on; 0.0.0.0 for every interface (env SADTALKER_HOST).")
    String host = "127.0.0.1";

    @Option(names = "--api-key", defaultValue = "${env:SADTALKER_API_KEY}",
            description = "If set, the job routes (POST /generate, /jobs...) and /metrics require 'Authorization: Bearer KEY' (env SADTALKER_API_KEY).")
    String apiKey;

    @Option(names = "--models", defaultValue = "${env:SADTALKER_MODELS:-models}",
            description = "Directory of the official checkpoints (env SADTALKER_MODELS).")
    Path models;

    @Option(names = "--output", defaultValue = "${env:SADTALKER_OUTPUT:-output}",
            description = "Directory the MP4 files are written to (env SADTALKER_OUTPUT).")
    Path output;

    @Option(names = "--input-root", split = ":", defaultValue = "${env:SADTALKER_INPUT_ROOTS:-input}",
            description = "Directories request paths must lie in, ':'-separated or repeated; relative request paths "
                    + "resolve against the first (default: input) (env SADTALKER_INPUT_ROOTS).")
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
    int batchSize = 2;

    @Option(names = "--size", defaultValue = "${env:SADTALKER_SIZE:-256}",
            description = "SadTalker's --size: 256 or 512, the face crop and renderer size; 512 loads SadTalker_V0.0.2_512.safetensors (env SADTALKER_SIZE).")
    int size = 256;

    @Option(names = "--old-version", defaultValue = "${env:SADTALKER_OLD_VERSION:-false}",
            description = "SadTalker's --old_version: load the legacy .pth checkpoints (auido2exp_00300-model.pth, auido2pose_00140-model.pth, facevid2vid_00189-model.pth.tar, epoch_20.pth) instead of the safetensors file (env SADTALKER_OLD_VERSION).")
    boolean oldVersion;

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
    float faceThreshold = 0.97f;

    @Option(names = "--video-codec", defaultValue = "${env:SADTALKER_VIDEO_CODEC:-libopenh264}",
            description = "FFmpeg H.264 encoder: libopenh264 (CPU) or h264_nvenc (NVIDIA) (env SADTALKER_VIDEO_CODEC).")
    String videoCodec;

    @Option(names = "--shutdown-grace", defaultValue = "${env:SADTALKER_SHUTDOWN_GRACE:-30}",
            description = "Seconds a stopping server waits for its running job to finish; past it the job goes back "
                    + "to the queue unpublished (env SADTALKER_SHUTDOWN_GRACE).")
    int shutdownGraceSeconds = 30;

    @Option(names = "--output-mode", defaultValue = "${env:SADTALKER_OUTPUT_MODE:-644}",
            description = "Octal permissions of the published MP4 files (env SADTALKER_OUTPUT_MODE).")
    String outputMode = "644";

    @Option(names = "--webhook-secret", defaultValue = "${env:SADTALKER_WEBHOOK_SECRET}",
            description = "Signs completion callbacks (HMAC-SHA256, header X-SadTalker-Signature); without it, requests "
                    + "naming a webhook are refused (env SADTALKER_WEBHOOK_SECRET).")
    String webhookSecret;

    @Option(names = "--webhook-deny", split = ",", defaultValue = "${env:SADTALKER_WEBHOOK_DENY}",
            description = "Callback destinations refused besides loopback, link-local and cloud metadata addresses: "
                    + "CIDR blocks or host names, comma-separated (env SADTALKER_WEBHOOK_DENY).")
    List<String> webhookDeny = new ArrayList<>();

    @Option(names = "--webhook-allow", split = ",", defaultValue = "${env:SADTALKER_WEBHOOK_ALLOW}",
            description = "Callback destinations accepted even if refused by default or by --webhook-deny, e.g. "
                    + "127.0.0.1/32 for a receiver on this machine (env SADTALKER_WEBHOOK_ALLOW).")
    List<String> webhookAllow = new ArrayList<>();

    @Option(names = "--keep-days", defaultValue = "${env:SADTALKER_KEEP_DAYS:-0}",
            description = "Delete results and job records older than this many days, hourly; 0 keeps them for ever "
                    + "(env SADTALKER_KEEP_DAYS).")
    int keepDays;

    @Option(names = "--allow-cpu", description = "Start without CUDA. For development and tests only: CPU generation is far too slow to serve.")
    boolean allowCpu;

    /**
     * The first setting with an impossible value, as "--flag must ...", or null when all are usable.
     * Checked before anything is loaded, so that a typo costs no model loading.
     */
    String problem() {
        if (port < 0 || port > 65535) {
            return "--port must be between 0 and 65535, got " + port;
        }
        if (host == null || host.isBlank()) {
            return "--host must name an address, e.g. 127.0.0.1 or 0.0.0.0";
        }
        if (inputRoots == null || inputRoots.isEmpty()) {
            return "--input-root must name at least one directory";
        }
        for (Path root : inputRoots) {
            if (!java.nio.file.Files.isDirectory(root)) {
                return "--input-root " + root + " is not a directory (create it, or name another)";
            }
        }
        if (maxQueued < 1) {
            return "--max-queued must be at least 1, got " + maxQueued;
        }
        if (batchSize < 1) {
            return "--batch-size must be at least 1, got " + batchSize;
        }
        if (EngineOptions.sizeProblem(size) != null) {
            return "--" + EngineOptions.sizeProblem(size);
        }
        if (workers < 1) {
            return "--workers must be at least 1, got " + workers;
        }
        if (retries < 0) {
            return "--retries must be 0 or more, got " + retries;
        }
        if (pollSeconds < 5) {
            return "--poll-seconds must be at least 5 (JobRunr's minimum), got " + pollSeconds;
        }
        if (!(faceThreshold > 0 && faceThreshold < 1)) {
            return "--face-threshold must lie strictly between 0 and 1, got " + faceThreshold;
        }
        if (shutdownGraceSeconds < 0) {
            return "--shutdown-grace must be 0 or more seconds, got " + shutdownGraceSeconds;
        }
        if (keepDays < 0) {
            return "--keep-days must be 0 (keep for ever) or more, got " + keepDays;
        }
        for (String d : webhookDeny == null ? List.<String>of() : webhookDeny) {
            String p = WebhookPolicy.entryProblem(d);
            if (p != null) {
                return "--webhook-deny must list CIDR blocks or host names: " + p;
            }
        }
        for (String a : webhookAllow == null ? List.<String>of() : webhookAllow) {
            String p = WebhookPolicy.entryProblem(a);
            if (p != null) {
                return "--webhook-allow must list CIDR blocks or host names: " + p;
            }
        }
        if (outputPermissions() == null) {
            return "--output-mode must be octal permissions such as 644, got '" + outputMode + "'";
        }
        return null;
    }

    /** The permissions of published files, from {@link #outputMode}; null if it is not 3 octal digits. */
    Set<PosixFilePermission> outputPermissions() {
        if (outputMode == null || !outputMode.matches("0?[0-7]{3}")) {
            return null;
        }
        int bits = Integer.parseInt(outputMode, 8);
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ};
        for (int i = 0; i < order.length; i++) {
            if ((bits & (1 << i)) != 0) {
                set.add(order[i]);
            }
        }
        return set;
    }

    /** Which callback URLs requests may name. */
    WebhookPolicy webhookPolicy() {
        return new WebhookPolicy(webhookSecret, webhookDeny == null ? List.of() : webhookDeny,
                webhookAllow == null ? List.of() : webhookAllow);
    }

    /** How long results are kept, or null for ever. */
    Duration keep() {
        return keepDays > 0 ? Duration.ofDays(keepDays) : null;
    }

    JobQueue.Settings queueSettings() {
        return new JobQueue.Settings(maxQueued, workers, retries, Duration.ofSeconds(pollSeconds),
                Duration.ofSeconds(shutdownGraceSeconds));
    }
}
