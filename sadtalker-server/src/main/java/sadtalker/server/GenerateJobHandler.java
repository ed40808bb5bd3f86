package sadtalker.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jobrunr.JobRunrException;
import org.jobrunr.jobs.context.JobContext;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sadtalker.GenerationResult;
import sadtalker.InvalidInputException;
import sadtalker.TalkingHeadGenerator;

/**
 * Runs a {@link GenerateJob} on the engine. Progress goes into the job's metadata and the output
 * path into the {@link ResultStore}, where {@code GET /jobs/{id}} reads them. A failure caused by the
 * input is marked "do not retry"; any other failure (out of GPU memory, a crash) is retried by
 * JobRunr a bounded number of times.
 *
 * <p>Exactly one MP4 per job id: the engine's file is published as {@code <output>/<job id>.mp4}
 * by one hard link (which fails if that name exists), with its final permissions already set. A
 * later attempt of a job whose MP4 is there (the process died between publishing and recording)
 * records that file and does not run the engine again. The inputs are re-checked against the input
 * roots when the job starts and copied into the job's private directory: the engine reads only
 * the copies.
 */
public final class GenerateJobHandler implements JobRequestHandler<GenerateJob> {
    static final String PROGRESS = "progress";
    static final String STAGE = "stage";
    /** Frames recorded for an MP4 found already published by an earlier attempt (not counted again). */
    static final int FRAMES_UNKNOWN = -1;

    private static final Logger LOG = LoggerFactory.getLogger("sadtalker.jobs");

    private final TalkingHeadGenerator generator;
    private final ResultStore results;
    private final InputRoots roots;
    private final Path outputDir;
    private final Path workRoot;
    private final Set<PosixFilePermission> outputMode;
    private final AtomicInteger running = new AtomicInteger();
    private final CancelRequests cancels;
    private final ServiceMetrics metrics;

    GenerateJobHandler(TalkingHeadGenerator generator, ResultStore results, Publication publication,
            CancelRequests cancels, ServiceMetrics metrics) {
        this.cancels = cancels;
        this.metrics = metrics;
        this.generator = generator;
        this.results = results;
        this.roots = publication.roots();
        this.outputDir = publication.outputDir();
        this.workRoot = publication.workRoot();
        this.outputMode = publication.outputMode();
    }

    /**
     * Where a job's files come from and go.
     *
     * @param roots the input directories
     * @param outputDir where MP4 files are published
     * @param workRoot where jobs' private copies of their inputs live while they run
     * @param outputMode permissions of the published files
     */
    record Publication(InputRoots roots, Path outputDir, Path workRoot, Set<PosixFilePermission> outputMode) {}

    /** Jobs running on this instance now. */
    int running() {
        return running.get();
    }

    /** The file job {@code id} is published as. */
    Path published(UUID id) {
        return outputDir.resolve(id + ".mp4");
    }

    @Override
    public void run(GenerateJob job) {
        running.incrementAndGet();
        try {
            run(job, jobContext());
        } finally {
            running.decrementAndGet();
        }
    }

    private void run(GenerateJob job, JobContext context) {
        UUID id = context.getJobId();
        int attempt = context.amountOfFailures() + 1;
        Path published = published(id);
        if (cancels.requested(id)) {
            LOG.info("job.cancelled id={} before it started", id);
            metrics.finished(ServiceMetrics.Outcome.CANCELLED);
            return;
        }
        if (Files.exists(published)) {
            results.put(id, published.toString(), FRAMES_UNKNOWN);
            LOG.info("job.recovered id={} output={} attempt={} (published by an earlier attempt; not run again)",
                    id, published, attempt);
            return;
        }
        LOG.info("job.started id={} mode={} attempt={}", id, job.mode(), attempt);
        if (attempt > 1) {
            LOG.info("job.resumed id={} attempt={}: the previous attempt failed or its server stopped", id, attempt);
        }
        long start = System.nanoTime();
        Path work = workRoot.resolve(id.toString());
        try {
            deleteTree(work);
            Files.createDirectories(work);
            Path audio = roots.copyInto(job.audio(), Files.createDirectories(work.resolve("audio")));
            Path image = roots.copyInto(job.image(), Files.createDirectories(work.resolve("image")));
            GenerationResult result = generator.generate(audio, image, job.mode(), (stage, fraction) -> {
                // The engine reports progress after each rendered batch: the place to stop a cancelled job.
                // Its try-with-resources then deletes its work files. Not at the final report: the
                // engine has published its file by then, and the check after it deletes that.
                if (fraction < 1.0 && cancels.requested(id)) {
                    throw new Cancelled();
                }
                context.saveMetadata(STAGE, stage);
                context.saveMetadata(PROGRESS, fraction);
            });
            if (cancels.requested(id)) {
                Files.deleteIfExists(result.output());
                throw new Cancelled();
            }
            publish(result.output(), published);
            results.put(id, published.toString(), result.frames());
            metrics.generated(java.time.Duration.ofNanos(System.nanoTime() - start), result.frames(), result.timings());
            metrics.finished(ServiceMetrics.Outcome.DONE);
            LOG.info("job.done id={} output={} frames={} seconds={}", id, published, result.frames(),
                    String.format("%.1f", (System.nanoTime() - start) / 1e9));
        } catch (Cancelled e) {
            LOG.info("job.cancelled id={} attempt={}: stopped at the client's request", id, attempt);
            metrics.finished(ServiceMetrics.Outcome.CANCELLED);
        } catch (InvalidInputException e) {
            // The user's mistake: one line with the reason, no stack trace, never retried.
            LOG.info("job.rejected id={} reason=\"{}\"", id, LogText.clean(e.getMessage()));
            throw new JobRunrException(e.getMessage(), true, e);
        } catch (IOException e) {
            LOG.warn("job.failed id={} error=\"{}\" retryable=true", id, LogText.clean(e), e);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            if (cancelledBy(e)) {
                LOG.info("job.cancelled id={} attempt={}: stopped at the client's request", id, attempt);
                metrics.finished(ServiceMetrics.Outcome.CANCELLED);
                return;
            }
            LOG.warn("job.failed id={} error=\"{}\" retryable=true", id, LogText.clean(e), e);
            throw e;
        } finally {
            try {
                deleteTree(work);
            } catch (IOException e) {
                LOG.warn("job.cleanup_failed id={} dir={} error=\"{}\"", id, work, LogText.clean(e));
            }
        }
    }

    /** Links {@code made} as {@code published} (never replacing one) with its final mode, then drops {@code made}. */
    private void publish(Path made, Path published) throws IOException {
        Files.setPosixFilePermissions(made, outputMode);
        Files.createDirectories(published.getParent());
        try {
            Files.createLink(published, made);
        } catch (FileAlreadyExistsException e) {
            LOG.warn("job.already_published output={}: keeping the first", published);
        }
        Files.deleteIfExists(made);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** True if {@code e} was caused by {@link Cancelled} (an engine may wrap what its listener throws). */
    private static boolean cancelledBy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Cancelled) {
                return true;
            }
        }
        return false;
    }

    /** Thrown from the progress listener to stop a cancelled job; never leaves the handler. */
    private static final class Cancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Cancelled() {
            super("cancelled", null, false, false);
        }
    }
}
