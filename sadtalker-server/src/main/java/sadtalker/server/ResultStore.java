package sadtalker.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Where finished jobs' outputs are recorded, in the job database beside JobRunr's tables. JobRunr
 * itself cannot hold them: it deletes a job's metadata when the job succeeds (all but its own
 * dashboard entries). Plain SQL that H2 and PostgreSQL both accept.
 */
final class ResultStore {
    private final DataSource db;

    ResultStore(DataSource db) {
        this.db = db;
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS sadtalker_results (job_id VARCHAR(36) PRIMARY KEY, "
                    + "output VARCHAR(4096) NOT NULL, frames INTEGER NOT NULL)");
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
                            "INSERT INTO sadtalker_results (job_id, output, frames) VALUES (?, ?, ?)")) {
                del.setString(1, id.toString());
                del.executeUpdate();
                ins.setString(1, id.toString());
                ins.setString(2, output);
                ins.setInt(3, frames);
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

    /** The recorded output of job {@code id}, if any. */
    Optional<String> output(UUID id) {
        try (Connection c = db.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT output FROM sadtalker_results WHERE job_id = ?")) {
            q.setString(1, id.toString());
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the output of job " + id + ": " + e.getMessage(), e);
        }
    }
}
