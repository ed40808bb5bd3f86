package sadtalker.parity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KnownGapsTest {

    @Test
    void a_listed_gap_still_bounds_the_output() {
        KnownGaps.Gap gap = KnownGaps.of("e2e.full", "astronaut-radio31-5f", "enhancer_input");
        assertNotNull(gap);
        assertFalse(gap.reason().isBlank());
        // what this machine measures passes the gap; a regression beyond it does not
        assertTrue(gap.bound().passes(new ImageTolerance.Measured(3, 0.0086, 1.27e-6, "")));
        assertFalse(gap.bound().passes(new ImageTolerance.Measured(4, 0.0086, 1.27e-6, "")));
        assertFalse(gap.bound().passes(new ImageTolerance.Measured(3, 0.0086, 1e-3, "")));
    }

    @Test
    void other_outputs_have_none() {
        assertNull(KnownGaps.of("e2e.full", "astronaut-radio31-5f", "frames"));
        assertNull(KnownGaps.of("e2e.crop", "astronaut-radio31-3f", "enhancer_input"));
    }
}
