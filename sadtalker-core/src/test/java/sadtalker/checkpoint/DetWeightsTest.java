package sadtalker.checkpoint;

import sadtalker.testkit.DetWeights;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The test vectors of {@code shared/parity/README.md} ("detweights v1", seed 42). */
class DetWeightsTest {
    private static final long SEED = 42;

    @Test
    void fnv1a64_of_a_key() {
        assertEquals(0x796f8df88f56d987L, DetWeights.fnv1a64("conv.weight"));
    }

    @Test
    void uniform_sequence() {
        assertEquals(0.3704112768173218, DetWeights.uniform("conv.weight", SEED, 0), 0);
        assertEquals(0.685168445110321, DetWeights.uniform("conv.weight", SEED, 1), 0);
        assertEquals(0.32655245065689087, DetWeights.uniform("conv.weight", SEED, 2), 0);
    }

    /**
     * The README prints these to 7 significant digits, not as the shortest float32 repr (its
     * "0.9195784" is float32 0.91957843), so they are compared to within 1e-7.
     */
    @Test
    void values_by_rule() {
        assertArrayEquals(new float[] {-0.25917745f, 0.3703369f, -0.3468951f, -0.41144395f, -0.45625055f, 0.4237187f},
                DetWeights.values("conv.weight", new long[] {2, 3}, SEED), 1e-7f);
        assertArrayEquals(new float[] {0.89352036f, 0.5021987f, 1.3450725f},
                DetWeights.values("bn.running_var", new long[] {3}, SEED), 1e-7f);
        assertArrayEquals(new float[] {0.9195784f, 1.0145843f, 0.9522165f},
                DetWeights.values("bn.weight", new long[] {3}, SEED), 1e-7f);
        assertArrayEquals(new float[] {0.094415106f, 0.036544025f, 0.030474484f},
                DetWeights.values("fc.bias", new long[] {3}, SEED), 1e-7f);
    }
}
