package sadtalker.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * Makes "count the waiting jobs, then enqueue one" atomic, so that {@code --max-queued} holds under
 * concurrent posts, within one instance and across instances sharing one database: admissions are
 * serialised by a row lock ({@code SELECT ... FOR UPDATE}) on a one-row table, held until the new
 * job is committed. A JVM-local lock is taken first, so one instance never ties up more than one
 * pooled connection waiting for the row lock (the holder needs a second one to enqueue).
 * Plain SQL that H2 and PostgreSQL both accept.
 */
final class Admission {
    private final DataSource db;
    private final ReentrantLock local = new ReentrantLock(true);

    Admission(DataSource db) {
        this.db = db;
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS sadtalker_admission (id INTEGER PRIMARY KEY)");
            try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM sadtalker_admission WHERE id = 1")) {
                r.next();
                if (r.getInt(1) == 0) {
                    s.execute("INSERT INTO sadtalker_admission (id) VALUES (1)");
                }
            }
        } catch (SQLException e) {
            // Two instances starting at once may both insert the row: the loser's error is harmless.
            if (!rowExists()) {
                throw new IllegalStateException("cannot create the admission table: " + e.getMessage(), e);
            }
        }
    }

    private boolean rowExists() {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM sadtalker_admission WHERE id = 1")) {
            return r.next() && r.getInt(1) == 1;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Runs {@code admit} (count, then enqueue on its own connection) while no other admission runs. */
    <T> T exclusively(Callable<T> admit) throws Exception {
        local.lock();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement("SELECT id FROM sadtalker_admission WHERE id = 1 FOR UPDATE");
                    ResultSet r = lock.executeQuery()) {
                r.next();
                T result = admit.call();
                c.commit();
                return result;
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        } finally {
            local.unlock();
        }
    }
}
