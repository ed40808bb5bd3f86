package sadtalker.server;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.states.FailedState;
import org.jobrunr.jobs.states.ProcessingState;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.storage.JobNotFoundException;
import org.jobrunr.storage.StorageProvider;

/** Turns what JobRunr and the service's own tables hold about a job into the {@link JobStatus} clients see. */
final class JobStatuses {
    private final StorageProvider storage;
    private final ResultStore results;
    private final CancelRequests cancels;
    private final WebhookLog webhooks;
    private final UUID localServer;
    private final boolean embedded;
    private final Duration pollInterval;

    JobStatuses(StorageProvider storage, ResultStore results, CancelRequests cancels, WebhookLog webhooks,
            UUID localServer, boolean embedded, Duration pollInterval) {
        this.storage = storage;
        this.results = results;
        this.cancels = cancels;
        this.webhooks = webhooks;
        this.localServer = localServer;
        this.embedded = embedded;
        this.pollInterval = pollInterval;
    }

    /** The generation job {@code id}, if JobRunr holds one (a webhook or retention run is no generation). */
    Optional<Job> job(UUID id) {
        try {
            Job job = storage.getJobById(id);
            return generation(job).isPresent() ? Optional.of(job) : Optional.empty();
        } catch (JobNotFoundException e) {
            return Optional.empty();
        }
    }

    /** The request of {@code job}, if it is a generation. */
    static Optional<GenerateJob> generation(Job job) {
        Object[] values = job.getJobDetails().getJobParameterValues();
        return values.length == 1 && values[0] instanceof GenerateJob g ? Optional.of(g) : Optional.empty();
    }

    Optional<JobStatus> status(UUID id) {
        return job(id).map(this::status);
    }

    JobStatus status(Job job) {
        UUID id = job.getId();
        Map<String, Object> meta = job.getMetadata();
        // A job whose server died still says PROCESSING until JobRunr notices (a few poll intervals):
        // report what is true, queued again, with the dead attempt as the previous one.
        boolean orphaned = job.getState() == StateName.PROCESSING && !serverAlive(job.<ProcessingState>getJobState().getServerId());
        String output = job.getState() == StateName.SUCCEEDED || job.getState() == StateName.DELETED
                ? results.output(id).orElse(null) : null;
        JobState state = switch (job.getState()) {
            case ENQUEUED, SCHEDULED, AWAITING -> JobState.QUEUED;
            case PROCESSING -> orphaned ? JobState.QUEUED : JobState.RUNNING;
            // A running job stopped by its client ends as a success of JobRunr's without an output.
            case SUCCEEDED -> output != null || !cancels.requested(id) ? JobState.DONE : JobState.CANCELLED;
            case FAILED -> JobState.FAILED;
            default -> output != null ? JobState.DONE : JobState.CANCELLED;   // DELETED: cancelled while queued
        };
        int attempts = (int) job.getJobStatesOfType(FailedState.class).count();
        String error = null;
        if (state == JobState.FAILED) {
            FailedState failed = job.getJobState();
            error = failed.getExceptionMessage() != null ? failed.getExceptionMessage() : failed.getMessage();
        }
        boolean queued = state == JobState.QUEUED;
        // A queued job has made no progress yet: the metadata left is the previous attempt's.
        double progress = state == JobState.DONE ? 1.0 : queued ? 0.0
                : meta.get(GenerateJobHandler.PROGRESS) instanceof Number n ? n.doubleValue() : 0.0;
        Object stage = queued ? null : meta.get(GenerateJobHandler.STAGE);
        String previous = orphaned ? "interrupted (the server running it stopped)"
                : job.getLastJobStateOfType(FailedState.class).map(JobStatuses::describe).orElse(null);
        int processed = (int) job.getJobStatesOfType(ProcessingState.class).count();
        int attempt = Math.max(1, orphaned || queued ? processed + 1 : processed);
        String webhookUrl = generation(job).map(GenerateJob::webhook).orElse(null);
        WebhookLog.Delivery webhook = webhookUrl == null ? null : webhooks.delivery(id, webhookUrl);
        return new JobStatus(id.toString(), state, progress, stage == null ? null : stage.toString(), output,
                output == null ? null : JobStatus.videoPath(id.toString()), error, attempts, attempt,
                state == JobState.FAILED ? null : previous, createdAt(job).toString(), webhook);
    }

    static Instant createdAt(Job job) {
        return job.getJobStates().get(0).getCreatedAt();
    }

    private static String describe(FailedState failed) {
        String message = failed.getExceptionMessage() != null ? failed.getExceptionMessage() : failed.getMessage();
        return message != null && message.toLowerCase(Locale.ROOT).contains("orphan")
                ? "interrupted (the server running it stopped)" : "failed: " + message;
    }

    /** True if server {@code id} runs: this one (embedded H2), or one with a heartbeat within three poll intervals. */
    private boolean serverAlive(UUID id) {
        if (embedded) {
            return id.equals(localServer);   // an H2 file has one process: any other server is dead
        }
        Instant recent = Instant.now().minus(pollInterval.multipliedBy(3));
        return storage.getBackgroundJobServers().stream()
                .anyMatch(s -> s.getId().equals(id) && s.isRunning() && s.getLastHeartbeat().isAfter(recent));
    }
}
