package sadtalker.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.storage.JobNotFoundException;
import org.jobrunr.storage.StorageProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what is older than {@code --keep-days}: each finished job's published MP4 and its JobRunr
 * record (its result row stays as a small tombstone, so that its video answers 410 Gone), then
 * failed, cancelled and other finished JobRunr records. Only a finished job's own published file
 * ({@code <output>/<id>.mp4}) is ever deleted, and only while no attempt of that job runs: files
 * being written live in work directories this never touches.
 */
public final class RetentionHandler implements JobRequestHandler<RetentionJob> {
    private static final Logger LOG = LoggerFactory.getLogger("sadtalker.retention");
    private static final int BATCH = 10_000;

    private final StorageProvider storage;
    private final ResultStore results;
    private final CancelRequests cancels;
    private final WebhookLog webhooks;
    private final Function<UUID, Path> published;

    RetentionHandler(StorageProvider storage, ResultStore results, CancelRequests cancels, WebhookLog webhooks,
            Function<UUID, Path> published) {
        this.storage = storage;
        this.results = results;
        this.cancels = cancels;
        this.webhooks = webhooks;
        this.published = published;
    }

    @Override
    public void run(RetentionJob job) {
        sweep(Instant.now().minus(Duration.ofDays(job.keepDays())));
    }

    /** Deletes what finished before {@code cutoff}; returns how many MP4s went. */
    int sweep(Instant cutoff) {
        int videos = 0;
        // One bounded batch a run: the next hourly run takes the rest (and what was skipped as busy).
        for (ResultStore.Result r : results.finishedBefore(cutoff, BATCH)) {
            videos += delete(r) ? 1 : 0;
        }
        int records = 0;
        for (StateName s : new StateName[] {StateName.FAILED, StateName.DELETED, StateName.SUCCEEDED}) {
            records += storage.deleteJobsPermanently(s, cutoff);
        }
        LOG.info("retention.swept cutoff={} videos={} records={}", cutoff, videos, records);
        return videos;
    }

    private boolean delete(ResultStore.Result r) {
        UUID id = r.id();
        try {
            Job job = storage.getJobById(id);
            if (job.getState() != StateName.SUCCEEDED && job.getState() != StateName.DELETED) {
                return false;   // an attempt runs or waits (a re-run): its file is not ours to delete
            }
        } catch (JobNotFoundException e) {
            // the record went already: only the file and the row are left
        }
        Path file = published.apply(id);
        if (!file.toString().equals(r.output())) {
            LOG.warn("retention.skipped id={} output={}: not the job's published file", id, r.output());
            results.markDeleted(id);   // never touch a file that is not the job's own
            return false;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("retention.failed id={} file={} error=\"{}\"", id, file, LogText.clean(e));
            return false;
        }
        results.markDeleted(id);
        storage.deletePermanently(id);
        cancels.forget(id);
        webhooks.forget(id);
        return true;
    }
}
