package sadtalker.server;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.LongSupplier;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.JobDetails;
import org.jobrunr.storage.StorageProvider;

/**
 * Group commit of new jobs: posts that arrive while one admission runs are admitted together by
 * the next one, in one transaction, under one {@link Admission} lock. A durable (synchronous)
 * commit then costs one disk write per group instead of one per post, which keeps the
 * acknowledgement latency low under concurrent clients. Each post is answered only after its
 * group is committed. (Hand-written: JobRunr has no group-commit enqueue with a bound.)
 */
final class GroupAdmission implements AutoCloseable {
    private static final int MAX_GROUP = 64;

    private record Pending(GenerateJob job, CompletableFuture<UUID> answer) {}

    private final BlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
    private final Admission admission;
    private final StorageProvider storage;
    private final LongSupplier waiting;
    private final long maxWaiting;
    private final Thread admitter;

    GroupAdmission(Admission admission, StorageProvider storage, LongSupplier waiting, long maxWaiting) {
        this.admission = admission;
        this.storage = storage;
        this.waiting = waiting;
        this.maxWaiting = maxWaiting;
        this.admitter = new Thread(this::loop, "sadtalker-admission");
        admitter.setDaemon(true);
        admitter.start();
    }

    /** Queues {@code job} durably and returns its id, or throws when the queue is full. */
    UUID submit(GenerateJob job) throws JobQueue.QueueFullException {
        CompletableFuture<UUID> answer = new CompletableFuture<>();
        pending.add(new Pending(job, answer));
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing the job", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof JobQueue.QueueFullException full) {
                throw new JobQueue.QueueFullException(full.waiting);
            }
            throw new IllegalStateException("cannot queue the job: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private void loop() {
        List<Pending> group = new ArrayList<>();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                group.add(pending.take());
            } catch (InterruptedException e) {
                break;
            }
            pending.drainTo(group, MAX_GROUP - 1);
            admit(group);
            group.clear();
        }
        for (Pending p; (p = pending.poll()) != null; ) {
            p.answer().completeExceptionally(new IllegalStateException("the service is stopping"));
        }
    }

    /**
     * Gives the job a name of escaped text. JobRunr names a job after its request's {@code toString()}
     * by default, which holds the user's raw paths, and prints that name in its own log lines
     * ({@code Job(id=..., jobName='...')}): a newline in a file name would forge a log line.
     */
    static Job named(Job job, GenerateJob request) {
        job.setJobName("generate mode=" + request.mode() + " audio=\"" + LogText.clean(request.audio()) + "\" image=\""
                + LogText.clean(request.image()) + "\"");
        return job;
    }

    private void admit(List<Pending> group) {
        List<Pending> admitted = new ArrayList<>();
        try {
            long before = admission.exclusively(() -> {
                long now = waiting.getAsLong();
                List<Job> jobs = new ArrayList<>();
                for (Pending p : group) {
                    if (now + jobs.size() >= maxWaiting) {
                        break;
                    }
                    jobs.add(named(new Job(UUID.randomUUID(), new JobDetails(p.job())), p.job()));
                    admitted.add(p);
                }
                if (!jobs.isEmpty()) {
                    storage.save(jobs);    // one transaction, committed before the lock is released
                }
                for (int i = 0; i < admitted.size(); i++) {
                    admitted.get(i).answer().complete(jobs.get(i).getId());
                }
                return now + jobs.size();
            });
            for (Pending p : group) {
                if (!p.answer().isDone()) {
                    p.answer().completeExceptionally(new JobQueue.QueueFullException(before));
                }
            }
        } catch (Exception | Error e) {
            for (Pending p : group) {
                p.answer().completeExceptionally(e);
            }
        }
    }

    @Override
    public void close() {
        admitter.interrupt();
    }
}
