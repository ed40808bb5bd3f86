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
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.scheduling.JobRequestScheduler;
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

        QueueFullException(long waiting) {
            super(waiting + " jobs are waiting");
        }
    }

    /**
     * How the queue behaves.
     *
     * @param maxWaiting refuse new jobs while this many wait
     * @param workers jobs run at once (one per GPU)
     * @param retries how often a failed job is retried, unless its failure is marked final
     * @param pollInterval how often the worker looks for work (JobRunr's minimum is 5 s)
     */
    record Settings(int maxWaiting, int workers, int retries, Duration pollInterval) {}

    private final HikariDataSource dataSource;
    private final StorageProvider storage;
    private final JobRequestScheduler scheduler;
    private final BackgroundJobServer worker;
    private final Settings settings;
    private final ResultStore results;

    JobQueue(HikariDataSource dataSource, TalkingHeadGenerator generator, Settings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
        JsonMapper json = new JacksonJsonMapper();
        this.storage = SqlStorageProviderFactory.using(dataSource);
        storage.setJobMapper(new JobMapper(json));
        this.scheduler = new JobRequestScheduler(storage);
        this.results = new ResultStore(dataSource);
        GenerateJobHandler handler = new GenerateJobHandler(generator, results);
        JobActivator activator = new JobActivator() {
            @Override
            public <T> T activateJob(Class<T> type) {
                return type == GenerateJobHandler.class ? type.cast(handler) : null;
            }
        };
        this.worker = new BackgroundJobServer(storage, json, activator,
                BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                        .andWorkerCount(settings.workers())
                        .andPollInterval(settings.pollInterval()));
        worker.setJobFilters(List.of(new RetryFilter(settings.retries(), 2)));
    }

    /** The job database: PostgreSQL (or any JobRunr SQL database) at {@code jdbcUrl}, else H2 under {@code dataDir}. */
    static HikariDataSource dataSource(String jdbcUrl, String user, String password, Path dataDir) {
        HikariConfig c = new HikariConfig();
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            c.setJdbcUrl("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("jobs") + ";DB_CLOSE_ON_EXIT=FALSE");
        } else {
            c.setJdbcUrl(jdbcUrl);
            c.setUsername(user);
            c.setPassword(password);
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
        long waiting = waiting();
        if (waiting >= settings.maxWaiting()) {
            throw new QueueFullException(waiting);
        }
        UUID id = UUID.randomUUID();
        scheduler.enqueue(id, job);
        return id;
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
        String state = switch (job.getState()) {
            case ENQUEUED, SCHEDULED, AWAITING -> "queued";
            case PROCESSING -> "running";
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
        double progress = done ? 1.0 : meta.get(GenerateJobHandler.PROGRESS) instanceof Number n ? n.doubleValue() : 0.0;
        Object stage = meta.get(GenerateJobHandler.STAGE);
        String output = done ? results.output(id).orElse(null) : null;
        return Optional.of(new JobStatus(id.toString(), state, progress, stage == null ? null : stage.toString(),
                output, error, attempts));
    }

    /** Stops the worker (a running job finishes or goes back to the queue) and closes the database. */
    @Override
    public void close() {
        try {
            worker.stop();
        } finally {
            try {
                storage.close();
            } finally {
                dataSource.close();
            }
        }
    }
}
