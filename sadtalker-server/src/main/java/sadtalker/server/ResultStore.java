package sadtalker.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Where finished jobs' outputs are recorded, in the job database beside JobRunr's tables. JobRunr
 * itself cannot hold them: it deletes a job's metadata when the job succeeds (all but its own
 * dashboard entries). A row outlives its MP4 as a tombstone ({@code deleted_at}) once retention has
 * deleted both, so that the video route can answer 410 Gone rather than 404. Plain SQL that H2 and
 * PostgreSQL both accept.
 */
final class ResultStore {
    /** One recorded output. */
    record Result(UUID id, String output, Instant finished) {}

    private final DataSource db;

    ResultStore(DataSource db) {
        this.db = db;
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS sadtalker_results (job_id VARCHAR(36) PRIMARY KEY, "
                    + "output VARCHAR(4096) NOT NULL, frames INTEGER NOT NULL)");
            // Added after the first release: databases made by it get the columns here (NULL: unknown).
            s.execute("ALTER TABLE sadtalker_results ADD COLUMN IF NOT EXISTS finished_at BIGINT");
            s.execute("ALTER TABLE sadtalker_results ADD COLUMN IF NOT EXISTS deleted_at BIGINT");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the results table: " + e.getMessage(), e);
        }
    }

    /** Records the output of job {@code id} (replacing an earlier record of the same job). */
    void put(UUID id, String output, int frames) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM sadtalker_results WHERE job_id = ?");
                    PreparedStatement ins = c.prepareStatement(
                            "INSERT INTO sadtalker_results (job_id, output, frames, finished_at) VALUES (?, ?, ?, ?)")) {
                del.setString(1, id.toString());
                del.executeUpdate();
                ins.setString(1, id.toString());
                ins.setString(2, output);
                ins.setInt(3, frames);
                ins.setLong(4, System.currentTimeMillis());
                ins.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the output of job " + id + ": " + e.getMessage(), e);
        }
    }

    /** The recorded output of job {@code id}, if any and not deleted. */
    Optional<String> output(UUID id) {
        return query("SELECT output FROM sadtalker_results WHERE job_id = ? AND deleted_at IS NULL", id);
    }

    /** True if job {@code id}'s output was deleted by retention. */
    boolean deleted(UUID id) {
        return query("SELECT output FROM sadtalker_results WHERE job_id = ? AND deleted_at IS NOT NULL", id).isPresent();
    }

    /** Outputs recorded before {@code cutoff} and not yet deleted, oldest first, at most {@code limit}. */
    List<Result> finishedBefore(Instant cutoff, int limit) {
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT job_id, output, finished_at FROM sadtalker_results WHERE deleted_at IS NULL "
                        + "AND finished_at < ? ORDER BY finished_at")) {
            q.setLong(1, cutoff.toEpochMilli());
            q.setMaxRows(limit);
            List<Result> found = new ArrayList<>();
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    found.add(new Result(UUID.fromString(r.getString(1)), r.getString(2), Instant.ofEpochMilli(r.getLong(3))));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list old results: " + e.getMessage(), e);
        }
    }

    /** Marks job {@code id}'s output deleted (the row stays as a tombstone). */
    void markDeleted(UUID id) {
        try (Connection c = db.getConnection();
                PreparedStatement u = c.prepareStatement("UPDATE sadtalker_results SET deleted_at = ? WHERE job_id = ?")) {
            u.setLong(1, System.currentTimeMillis());
            u.setString(2, id.toString());
            u.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot mark the output of job " + id + " deleted: " + e.getMessage(), e);
        }
    }

    private Optional<String> query(String sql, UUID id) {
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, id.toString());
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the output of job " + id + ": " + e.getMessage(), e);
        }
    }
}
