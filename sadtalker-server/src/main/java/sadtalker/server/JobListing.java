package sadtalker.server;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.storage.JobNotFoundException;
import org.jobrunr.storage.StorageProvider;

/**
 * {@code GET /jobs}: generation jobs newest first, a page at a time, with an opaque cursor (keyset
 * pagination on JobRunr's creation time and id, so that jobs accepted meanwhile shift nothing).
 * JobRunr's storage API pages by offset only, so this reads its {@code jobrunr_jobs} table (its
 * documented SQL schema: id, state, jobSignature, createdAt) and then each job through the API. A
 * page may hold fewer than {@code limit} jobs when a state filter drops some; {@code next_cursor}
 * is absent on the last page.
 */
final class JobListing {
    /** Where the previous page ended. */
    record Cursor(Instant createdAt, UUID id) {
        String encode() {
            String raw = createdAt.getEpochSecond() + ":" + createdAt.getNano() + ":" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        /** The cursor {@code text} encodes, if it is one this server gave out. */
        static Optional<Cursor> decode(String text) {
            try {
                String[] p = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split(":");
                return p.length == 3 ? Optional.of(new Cursor(Instant.ofEpochSecond(Long.parseLong(p[0]),
                        Long.parseLong(p[1])), UUID.fromString(p[2]))) : Optional.empty();
            } catch (IllegalArgumentException | java.time.DateTimeException e) {
                return Optional.empty();
            }
        }
    }

    /** One page: the jobs, and the cursor of the next page (null on the last). */
    record Page(List<JobStatus> jobs, String nextCursor) {}

    /** The JobRunr states a job reported as each {@link JobState} may be in. */
    private static final Map<JobState, List<StateName>> CANDIDATES = new EnumMap<>(Map.of(
            JobState.QUEUED, List.of(StateName.ENQUEUED, StateName.SCHEDULED, StateName.AWAITING, StateName.PROCESSING),
            JobState.RUNNING, List.of(StateName.PROCESSING),
            JobState.DONE, List.of(StateName.SUCCEEDED, StateName.DELETED),
            JobState.FAILED, List.of(StateName.FAILED),
            JobState.CANCELLED, List.of(StateName.DELETED, StateName.SUCCEEDED)));

    private final DataSource db;
    private final JobStatuses statuses;
    private final StorageProvider storage;

    JobListing(DataSource db, JobStatuses statuses, StorageProvider storage) {
        this.db = db;
        this.statuses = statuses;
        this.storage = storage;
    }

    Page page(JobState state, int limit, Cursor after) {
        List<StateName> states = state == null ? List.of(StateName.values()) : CANDIDATES.get(state);
        String in = String.join(",", states.stream().map(s -> "?").toList());
        String sql = "SELECT id, createdAt FROM jobrunr_jobs WHERE jobSignature LIKE ? AND state IN (" + in + ")"
                + (after == null ? "" : " AND (createdAt < ? OR (createdAt = ? AND id < ?))")
                + " ORDER BY createdAt DESC, id DESC";
        List<JobStatus> jobs = new ArrayList<>();
        Cursor last = null;
        int rows = 0;
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            int i = 1;
            q.setString(i++, "%" + GenerateJobHandler.class.getSimpleName() + "%");
            for (StateName s : states) {
                q.setString(i++, s.name());
            }
            if (after != null) {
                q.setTimestamp(i++, Timestamp.from(after.createdAt()));
                q.setTimestamp(i++, Timestamp.from(after.createdAt()));
                q.setString(i, after.id().toString());
            }
            q.setMaxRows(limit);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    rows++;
                    UUID id = UUID.fromString(r.getString(1).trim());
                    last = new Cursor(r.getTimestamp(2).toInstant(), id);
                    job(id).filter(j -> JobStatuses.generation(j).isPresent()).map(statuses::status)
                            .filter(s -> state == null || s.state() == state).ifPresent(jobs::add);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list the jobs: " + e.getMessage(), e);
        }
        return new Page(jobs, rows == limit && last != null ? last.encode() : null);
    }

    private Optional<Job> job(UUID id) {
        try {
            return Optional.of(storage.getJobById(id));
        } catch (JobNotFoundException e) {
            return Optional.empty();   // deleted between the query and now
        }
    }
}
