package sadtalker.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The completion callback of each job that asked for one: where it goes and how its delivery went,
 * reported in the job's status. Plain SQL that H2 and PostgreSQL both accept.
 */
final class WebhookLog {
    /**
     * How a job's callback went.
     *
     * @param url where it is sent
     * @param state pending (not yet sent, or to be retried), delivered, or failed (retries exhausted)
     * @param attempts POSTs made so far
     * @param lastStatus the HTTP status of the last POST, if it got one
     * @param lastError why the last POST failed, if it did
     * @param delivered when a POST was answered 2xx
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Delivery(String url, String state, int attempts, @JsonProperty("last_status") Integer lastStatus,
            @JsonProperty("last_error") String lastError, String delivered) {}

    private final DataSource db;

    WebhookLog(DataSource db) {
        this.db = db;
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS sadtalker_webhooks (job_id VARCHAR(36) PRIMARY KEY, "
                    + "state VARCHAR(16) NOT NULL, attempts INTEGER NOT NULL, last_status INTEGER, "
                    + "last_error VARCHAR(1000), delivered_at BIGINT)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the webhook table: " + e.getMessage(), e);
        }
    }

    /** Records one POST of job {@code id}'s callback. */
    void attempt(UUID id, String state, Integer status, String error) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            int attempts = 0;
            try (PreparedStatement q = c.prepareStatement("SELECT attempts FROM sadtalker_webhooks WHERE job_id = ?")) {
                q.setString(1, id.toString());
                try (ResultSet r = q.executeQuery()) {
                    attempts = r.next() ? r.getInt(1) : 0;
                }
            }
            try (PreparedStatement d = c.prepareStatement("DELETE FROM sadtalker_webhooks WHERE job_id = ?");
                    PreparedStatement i = c.prepareStatement("INSERT INTO sadtalker_webhooks "
                            + "(job_id, state, attempts, last_status, last_error, delivered_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                d.setString(1, id.toString());
                d.executeUpdate();
                i.setString(1, id.toString());
                i.setString(2, state);
                i.setInt(3, attempts + 1);
                i.setObject(4, status, java.sql.Types.INTEGER);
                i.setString(5, error == null ? null : LogText.clean(error));
                i.setObject(6, state.equals("delivered") ? System.currentTimeMillis() : null, java.sql.Types.BIGINT);
                i.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the webhook of job " + id + ": " + e.getMessage(), e);
        }
    }

    /** How job {@code id}'s callback to {@code url} went so far (pending with 0 attempts if not yet tried). */
    Delivery delivery(UUID id, String url) {
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT state, attempts, last_status, last_error, delivered_at FROM sadtalker_webhooks WHERE job_id = ?")) {
            q.setString(1, id.toString());
            try (ResultSet r = q.executeQuery()) {
                if (!r.next()) {
                    return new Delivery(url, "pending", 0, null, null, null);
                }
                Integer status = (Integer) r.getObject(3, Integer.class);
                Long at = r.getObject(5, Long.class);
                return new Delivery(url, r.getString(1), r.getInt(2), status, r.getString(4),
                        Optional.ofNullable(at).map(ms -> Instant.ofEpochMilli(ms).toString()).orElse(null));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the webhook of job " + id + ": " + e.getMessage(), e);
        }
    }

    /** Forgets job {@code id} (retention). */
    void forget(UUID id) {
        try (Connection c = db.getConnection();
                PreparedStatement d = c.prepareStatement("DELETE FROM sadtalker_webhooks WHERE job_id = ?")) {
            d.setString(1, id.toString());
            d.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot forget the webhook of job " + id + ": " + e.getMessage(), e);
        }
    }
}
