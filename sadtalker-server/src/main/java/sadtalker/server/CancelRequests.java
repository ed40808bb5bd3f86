package sadtalker.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Jobs a client has cancelled ({@code DELETE /jobs/{id}}), in the job database so that every
 * instance sharing it sees them: a queued job is removed from JobRunr's queue, a running one stops
 * at its next progress report (the next rendered batch). Plain SQL that H2 and PostgreSQL accept.
 */
final class CancelRequests {
    private final DataSource db;

    CancelRequests(DataSource db) {
        this.db = db;
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS sadtalker_cancels (job_id VARCHAR(36) PRIMARY KEY, requested_at BIGINT NOT NULL)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the cancellation table: " + e.getMessage(), e);
        }
    }

    /** Records that job {@code id} is to stop (a second request changes nothing). */
    void request(UUID id) {
        if (requested(id)) {
            return;
        }
        try (Connection c = db.getConnection();
                PreparedStatement ins = c.prepareStatement("INSERT INTO sadtalker_cancels (job_id, requested_at) VALUES (?, ?)")) {
            ins.setString(1, id.toString());
            ins.setLong(2, System.currentTimeMillis());
            ins.executeUpdate();
        } catch (SQLException e) {
            if (!requested(id)) {   // a concurrent request of the same job is no error
                throw new IllegalStateException("cannot record the cancellation of job " + id + ": " + e.getMessage(), e);
            }
        }
    }

    boolean requested(UUID id) {
        try (Connection c = db.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT 1 FROM sadtalker_cancels WHERE job_id = ?")) {
            q.setString(1, id.toString());
            try (ResultSet r = q.executeQuery()) {
                return r.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the cancellation of job " + id + ": " + e.getMessage(), e);
        }
    }

    /** Forgets job {@code id} (retention). */
    void forget(UUID id) {
        try (Connection c = db.getConnection();
                PreparedStatement d = c.prepareStatement("DELETE FROM sadtalker_cancels WHERE job_id = ?")) {
            d.setString(1, id.toString());
            d.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot forget the cancellation of job " + id + ": " + e.getMessage(), e);
        }
    }
}
