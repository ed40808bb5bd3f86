package sadtalker.server;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.JobDetails;
import org.jobrunr.jobs.RecurringJob;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.server.JobActivator;
import org.jobrunr.storage.ConcurrentJobModificationException;
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

    /**
     * What the service adds to the bare queue: metrics, completion callbacks, retention.
     *
     * @param metrics where outcomes and durations are counted
     * @param webhooks which callback URLs may be called (re-checked before each delivery)
     * @param webhookSecret the signing secret of callbacks, or null (then no request may ask for one)
     * @param keep how long results and job records are kept, or null for ever
     */
    record Extras(ServiceMetrics metrics, WebhookPolicy webhooks, String webhookSecret, Duration keep) {
        static Extras none() {
            return new Extras(new ServiceMetrics(), WebhookPolicy.off(), null, null);
        }
    }

    /** What {@code DELETE /jobs/{id}} did. */
    enum Cancellation { NOT_FOUND, CANCELLED, STOPPING, ALREADY_FINISHED }

    /** JobRunr's own clean-up of finished jobs is pushed out of reach: retention ({@code --keep-days}) decides. */
    private static final Duration JOBRUNR_NEVER = Duration.ofDays(365L * 100);
    static final String RETENTION_JOB = "sadtalker-retention";

    private final HikariDataSource dataSource;
    private final StorageProvider storage;
    private final BackgroundJobServer worker;
    private final Settings settings;
    private final ResultStore results;
    private final CancelRequests cancels;
    private final WebhookLog webhookLog;
    private final JobStatuses statuses;
    private final JobListing listing;
    private final RetentionHandler retention;
    private final Extras extras;
    private final GroupAdmission admission;
    private final GenerateJobHandler handler;
    private final java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();

    JobQueue(HikariDataSource dataSource, TalkingHeadGenerator generator, Settings settings,
            GenerateJobHandler.Publication publication) {
        this(dataSource, generator, settings, publication, Extras.none());
    }

    JobQueue(HikariDataSource dataSource, TalkingHeadGenerator generator, Settings settings,
            GenerateJobHandler.Publication publication, Extras extras) {
        this.dataSource = dataSource;
        boolean embedded = dataSource.getJdbcUrl().startsWith("jdbc:h2:");
        this.settings = settings;
        this.extras = extras;
        JsonMapper json = new JacksonJsonMapper();
        this.storage = SqlStorageProviderFactory.using(dataSource);
        storage.setJobMapper(new JobMapper(json));
        this.results = new ResultStore(dataSource);
        this.cancels = new CancelRequests(dataSource);
        this.webhookLog = new WebhookLog(dataSource);
        this.admission = new GroupAdmission(new Admission(dataSource), storage, this::waiting, settings.maxWaiting());
        extras.metrics().queueDepth(this::waiting);
        GenerateJobHandler handler = new GenerateJobHandler(generator, results, publication, cancels, extras.metrics());
        this.handler = handler;
        UUID serverId = UUID.randomUUID();
        this.statuses = new JobStatuses(storage, results, cancels, webhookLog, serverId, embedded, settings.pollInterval());
        this.listing = new JobListing(dataSource, statuses, storage);
        this.retention = new RetentionHandler(storage, results, cancels, webhookLog, handler::published);
        WebhookHandler webhookHandler = extras.webhookSecret() == null ? null : new WebhookHandler(statuses::status,
                extras.webhooks(), new WebhookSignature(extras.webhookSecret()), webhookLog);
        JobActivator activator = new JobActivator() {
            @Override
            public <T> T activateJob(Class<T> type) {
                if (type == GenerateJobHandler.class) {
                    return type.cast(handler);
                }
                if (type == WebhookHandler.class) {
                    return type.cast(webhookHandler);
                }
                return type == RetentionHandler.class ? type.cast(retention) : null;
            }
        };
        this.worker = new BackgroundJobServer(storage, json, activator,
                BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                        .andId(serverId)
                        .andWorkerCount(settings.workers())
                        .andPollInterval(settings.pollInterval())
                        .andDeleteSucceededJobsAfter(JOBRUNR_NEVER)
                        .andPermanentlyDeleteDeletedJobsAfter(JOBRUNR_NEVER)
                        .andInterruptJobsAwaitDurationOnStopBackgroundJobServer(settings.shutdownGrace()));
        worker.setJobFilters(JobFilters.of(settings.retries(), storage, cancels, extras.metrics(), extras.webhookSecret()));
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

    /** Starts taking jobs (after the models have loaded), and schedules the retention sweep if one is set. */
    void startWorker() {
        if (extras.keep() != null) {
            // Hourly, as a JobRunr recurring job: with several instances on one database, one of them runs it.
            storage.saveRecurringJob(new RecurringJob(RETENTION_JOB, new JobDetails(new RetentionJob(extras.keep().toDays())),
                    "0 * * * *", "UTC", RecurringJob.CreatedBy.API));
        } else {
            storage.deleteRecurringJob(RETENTION_JOB);
        }
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
        return statuses.status(id);
    }

    /** True if job {@code id}'s output was deleted by retention (its video is gone for good). */
    boolean deleted(UUID id) {
        return results.deleted(id);
    }

    /** The recorded MP4 of job {@code id}, if it is done and its file not deleted. */
    Optional<java.nio.file.Path> video(UUID id) {
        return results.output(id).map(java.nio.file.Path::of);
    }

    /** One page of jobs, newest first. */
    JobListing.Page list(JobState state, int limit, JobListing.Cursor after) {
        return listing.page(state, limit, after);
    }

    /**
     * Cancels job {@code id}: a queued job leaves the queue at once; a running one is asked to stop
     * at its next progress report (it then leaves nothing behind); a finished one stays as it is.
     */
    Cancellation cancel(UUID id) {
        for (int tries = 0; tries < 5; tries++) {
            Optional<Job> found = statuses.job(id);
            if (found.isEmpty()) {
                return Cancellation.NOT_FOUND;
            }
            Job job = found.get();
            JobState state = statuses.status(job).state();
            if (state.finished()) {
                return Cancellation.ALREADY_FINISHED;
            }
            // Recorded first: a worker taking the job between here and the delete below sees it.
            cancels.request(id);
            if (job.getState() == StateName.PROCESSING) {
                return Cancellation.STOPPING;
            }
            try {
                job.delete("cancelled by the client");
                storage.save(job);
                extras.metrics().finished(ServiceMetrics.Outcome.CANCELLED);
                return Cancellation.CANCELLED;
            } catch (ConcurrentJobModificationException e) {
                // A worker took it meanwhile (or retried it): look again.
            }
        }
        return Cancellation.STOPPING;
    }

    /** The retention sweep (tests run it directly, with a cutoff of their choosing). */
    RetentionHandler retention() {
        return retention;
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
