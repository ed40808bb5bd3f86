package sadtalker.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.eclipse.jetty.io.EofException;
import org.junit.jupiter.api.Test;

class ClientGoneTest {
    @Test
    void aClosedConnectionAnywhereInTheChainIsTheClientGoing() {
        assertTrue(ClientGone.is(new EofException("reset")));
        assertTrue(ClientGone.is(new UncheckedIOException(new EofException("reset"))));
    }

    @Test
    void otherFailuresAreNot() {
        assertFalse(ClientGone.is(new IOException("the video ended early")));
        assertFalse(ClientGone.is(new IllegalStateException("boom")));
    }
}
