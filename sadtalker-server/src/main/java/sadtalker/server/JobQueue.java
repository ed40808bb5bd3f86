package sadtalker.server;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.filters.RetryFilter;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.jobs.states.FailedState;
import org.jobrunr.jobs.states.ProcessingState;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.server.JobActivator;
import org.jobrunr.storage.JobNotFoundException;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.sql.common.SqlStorageProviderFactory;
import org.jobrunr.utils.mapper.JsonMapper;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;
import sadtalker.TalkingHeadGenerator;

/**
 * The durable job queue, on JobRunr. Jobs live in a SQL database: by default an H2 file under the
 * data directory, so a restart resumes whatever was queued or running; with a JDBC URL, a shared
 * PostgreSQL, so that several GPU servers (one worker each) take jobs from one queue, each job
 * exactly once. JobRunr is wired by hand, not through its global {@code JobRunr.configure()}, so
 * that one JVM can hold several queues (tests).
 */
final class JobQueue implements AutoCloseable {
    /** Thrown when more jobs wait than the configured limit. */
    static final class QueueFullException extends Exception {
        private static final long serialVersionUID = 1L;

        final long waiting;

        QueueFullException(long waiting) {
            super(waiting + " jobs are waiting");
            this.waiting = waiting;
        }
    }

    /**
     * How the queue behaves.
     *
     * @param maxWaiting refuse new jobs while this many wait
     * @param workers jobs run at once (one per GPU)
     * @param retries how often a failed job is retried, unless its failure is marked final
     * @param pollInterval how often the worker looks for work (JobRunr's minimum is 5 s)
     * @param shutdownGrace how long a stop waits for running jobs before leaving them to the queue
     */
    record Settings(int maxWaiting, int workers, int retries, Duration pollInterval, Duration shutdownGrace) {
        Settings(int maxWaiting, int workers, int retries, Duration pollInterval) {
            this(maxWaiting, workers, retries, pollInterval, Duration.ofSeconds(30));
        }
    }

    private final HikariDataSource dataSource;
    private final StorageProvider storage;
    private final BackgroundJobServer worker;
    private final Settings settings;
    private final ResultStore results;
    private final GroupAdmission admission;
    private final GenerateJobHandler handler;
    private final boolean embedded;
    private final java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();

    JobQueue(HikariDataSource dataSource, TalkingHeadGenerator generator, Settings settings,
            GenerateJobHandler.Publication publication) {
        this.dataSource = dataSource;
        this.embedded = dataSource.getJdbcUrl().startsWith("jdbc:h2:");
        this.settings = settings;
        JsonMapper json = new JacksonJsonMapper();
        this.storage = SqlStorageProviderFactory.using(dataSource);
        storage.setJobMapper(new JobMapper(json));
        this.results = new ResultStore(dataSource);
        this.admission = new GroupAdmission(new Admission(dataSource), storage, this::waiting, settings.maxWaiting());
        GenerateJobHandler handler = new GenerateJobHandler(generator, results, publication);
        this.handler = handler;
        JobActivator activator = new JobActivator() {
            @Override
            public <T> T activateJob(Class<T> type) {
                return type == GenerateJobHandler.class ? type.cast(handler) : null;
            }
        };
        this.worker = new BackgroundJobServer(storage, json, activator,
                BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                        .andWorkerCount(settings.workers())
                        .andPollInterval(settings.pollInterval())
                        .andInterruptJobsAwaitDurationOnStopBackgroundJobServer(settings.shutdownGrace()));
        worker.setJobFilters(List.of(new RetryFilter(settings.retries(), 2)));
    }

    /** The job database: PostgreSQL (or any JobRunr SQL database) at {@code jdbcUrl}, else H2 under {@code dataDir}. */
    static HikariDataSource dataSource(String jdbcUrl, String user, String password, Path dataDir) {
        HikariConfig c = new HikariConfig();
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            // WRITE_DELAY=0: every commit reaches the file before the commit returns (H2's default
            // delays it up to 500 ms, and a crash in that window lost acknowledged jobs).
            // async: H2 on an AsynchronousFileChannel, which a thread interrupt does not close (JobRunr
            // interrupts its workers when it stops; with plain file channels that closed the database).
            c.setJdbcUrl("jdbc:h2:async:" + dataDir.toAbsolutePath().resolve("jobs") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        } else {
            c.setJdbcUrl(jdbcUrl);
            c.setUsername(user);
            c.setPassword(password);
            if (jdbcUrl.startsWith("jdbc:postgresql:")) {
                // An acknowledged job must be on disk: refuse a server or role configured otherwise.
                c.setConnectionInitSql("SET synchronous_commit = on");
            }
        }
        c.setMaximumPoolSize(8);
        c.setPoolName("sadtalker-jobs");
        return new HikariDataSource(c);
    }

    /** Starts taking jobs (after the models have loaded). */
    void startWorker() {
        worker.start();
    }

    /** Queues a job, or refuses when the queue is full. */
    UUID submit(GenerateJob job) throws QueueFullException {
        return admission.submit(job);
    }

    /** Jobs accepted but not yet running (including those waiting for a retry). */
    long waiting() {
        return storage.countJobs(StateName.ENQUEUED) + storage.countJobs(StateName.SCHEDULED)
                + storage.countJobs(StateName.AWAITING);
    }

    /** The state of job {@code id}, if the queue knows it. */
    Optional<JobStatus> status(UUID id) {
        Job job;
        try {
            job = storage.getJobById(id);
        } catch (JobNotFoundException e) {
            return Optional.empty();
        }
        Map<String, Object> meta = job.getMetadata();
        // A job whose server died still says PROCESSING until JobRunr notices (a few poll intervals):
        // report what is true, queued again, with the dead attempt as the previous one.
        boolean orphaned = job.getState() == StateName.PROCESSING && !serverAlive(job.<ProcessingState>getJobState().getServerId());
        String state = switch (job.getState()) {
            case ENQUEUED, SCHEDULED, AWAITING -> "queued";
            case PROCESSING -> orphaned ? "queued" : "running";
            case SUCCEEDED -> "done";
            case FAILED -> "failed";
            default -> job.getState().name().toLowerCase();
        };
        int attempts = (int) job.getJobStatesOfType(FailedState.class).count();
        String error = null;
        if (job.getState() == StateName.FAILED) {
            FailedState failed = job.getJobState();
            error = failed.getExceptionMessage() != null ? failed.getExceptionMessage() : failed.getMessage();
        }
        boolean done = state.equals("done");
        boolean queued = state.equals("queued");
        // A queued job has made no progress yet: the metadata left is the previous attempt's.
        double progress = done ? 1.0 : queued ? 0.0
                : meta.get(GenerateJobHandler.PROGRESS) instanceof Number n ? n.doubleValue() : 0.0;
        Object stage = queued ? null : meta.get(GenerateJobHandler.STAGE);
        String previous = orphaned ? "interrupted (the server running it stopped)"
                : job.getLastJobStateOfType(FailedState.class).map(JobQueue::describe).orElse(null);
        int processed = (int) job.getJobStatesOfType(ProcessingState.class).count();
        int attempt = Math.max(1, orphaned || queued ? processed + 1 : processed);
        String output = done ? results.output(id).orElse(null) : null;
        return Optional.of(new JobStatus(id.toString(), state, progress, stage == null ? null : stage.toString(),
                output, error, attempts, attempt, state.equals("failed") ? null : previous));
    }

    private static String describe(FailedState failed) {
        String message = failed.getExceptionMessage() != null ? failed.getExceptionMessage() : failed.getMessage();
        return message != null && message.toLowerCase(java.util.Locale.ROOT).contains("orphan")
                ? "interrupted (the server running it stopped)" : "failed: " + message;
    }

    /** True if server {@code id} runs: this one (embedded H2), or one with a heartbeat within three poll intervals. */
    private boolean serverAlive(UUID id) {
        if (embedded) {
            return id.equals(worker.getId());   // an H2 file has one process: any other server is dead
        }
        java.time.Instant recent = java.time.Instant.now().minus(settings.pollInterval().multipliedBy(3));
        return storage.getBackgroundJobServers().stream()
                .anyMatch(s -> s.getId().equals(id) && s.isRunning() && s.getLastHeartbeat().isAfter(recent));
    }

    /**
     * Stops the worker, waiting at most the shutdown grace (plus a few seconds for JobRunr to hand
     * interrupted jobs back), and closes the database only if no job still runs: storage is never
     * closed under a running job. Returns false when a job was still running; it is then left to
     * the queue (another instance or the next start runs it), unpublished.
     */
    boolean stop() {
        if (!stopped.compareAndSet(false, true)) {
            return handler.running() == 0;
        }
        Thread stopper = new Thread(() -> {
            try {
                worker.stop();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger("sadtalker.server").warn("server.worker_stop_failed error=\"{}\"",
                        LogText.clean(e));
            }
        }, "sadtalker-worker-stop");
        stopper.setDaemon(true);
        stopper.start();
        long deadline = System.nanoTime() + settings.shutdownGrace().toNanos() + Duration.ofSeconds(5).toNanos();
        try {
            while ((stopper.isAlive() || handler.running() > 0) && System.nanoTime() < deadline) {
                stopper.join(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopper.isAlive() || handler.running() > 0) {
            return false;
        }
        closeStorage();
        return true;
    }

    /** Stops the worker and closes the database (waiting as {@link #stop()} does). */
    @Override
    public void close() {
        if (!stop()) {
            org.slf4j.LoggerFactory.getLogger("sadtalker.server").warn(
                    "server.storage_left_open running={}: a job outlived the shutdown grace", handler.running());
        }
    }

    private void closeStorage() {
        admission.close();
        try {
            storage.close();
        } finally {
            dataSource.close();
        }
    }
}
