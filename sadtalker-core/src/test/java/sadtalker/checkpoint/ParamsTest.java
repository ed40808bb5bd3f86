package sadtalker.checkpoint;

import sadtalker.testkit.DetWeights;
import sadtalker.testkit.GeneratedParams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import sadtalker.nn.BatchNorm;
import sadtalker.nn.Conv;
import sadtalker.nn.Linear;
import sadtalker.nn.Torch;
import sadtalker.testkit.SharedData;

/** Strict loading of the sample network (conv 3→4 3×3, bn 4, fc 5→2) from the checkpoint samples. */
class ParamsTest {

    private static StateDict sample(Checkpoint c) {
        return StateDict.of(c, "");
    }

    @Test
    void a_matching_network_loads_every_key() {
        try (Checkpoint c = Checkpoint.open(SharedData.checkpoints().resolve("plain_zip.pth"));
                NDManager m = Torch.newCpuManager()) {
            Params p = Params.of(sample(c), m);
            Conv conv = Conv.load(p.sub("conv"), 2, 3, 4, 3, 1, 1, true);
            BatchNorm.load(p.sub("bn"), 4);
            Linear fc = Linear.load(p.sub("fc"), 5, 2, true);
            assertDoesNotThrow(() -> p.finish());
            assertArrayEquals(c.root() instanceof java.util.Map<?, ?> map
                    ? ((StoredTensor) map.get("conv.weight")).toFloatArray() : null, conv.weight().toFloatArray(), 0f);
            assertEquals(new Shape(2, 5), fc.weight().getShape());
        }
    }

    @Test
    void every_problem_is_listed_in_one_error() {
        try (Checkpoint c = Checkpoint.open(SharedData.checkpoints().resolve("plain_zip.pth"));
                NDManager m = Torch.newCpuManager()) {
            Params p = Params.of(sample(c), m);
            Conv.load(p.sub("conv"), 2, 3, 8, 3, 1, 1, true);           // wrong out channels
            NDArray missing = p.tensor("head.weight", 2, 5);            // not in the file
            assertEquals(new Shape(2, 5), missing.getShape(), "placeholder keeps construction going");
            CheckpointException e = assertThrows(CheckpointException.class, () -> p.finish());
            String msg = e.getMessage();
            assertTrue(msg.startsWith("plain_zip.pth does not fit the network"), msg);
            assertTrue(msg.contains("1 missing [head.weight]"), msg);
            assertTrue(msg.contains("conv.weight has [4, 3, 3, 3], expected [8, 3, 3, 3]"), msg);
            assertTrue(msg.contains("conv.bias has [4], expected [8]"), msg);
            assertTrue(msg.contains("unexpected [bn.weight, bn.bias, bn.running_mean, bn.running_var, "
                    + "bn.num_batches_tracked, fc.weight, fc.bias]"), msg);
        }
    }

    @Test
    void ignorable_keys_are_not_unexpected() {
        try (Checkpoint c = Checkpoint.open(SharedData.checkpoints().resolve("dataparallel_legacy.pth"));
                NDManager m = Torch.newCpuManager()) {
            Params p = Params.of(sample(c), m);   // module. stripped
            Conv.load(p.sub("conv"), 2, 3, 4, 3, 1, 1, true);
            assertDoesNotThrow(() -> p.finish("bn.*", "fc.*"));
        }
    }

    @Test
    void generated_params_follow_detweights_and_overrides() {
        try (NDManager m = Torch.newCpuManager()) {
            StoredTensor override = StoredTensor.contiguous(new Storage(java.nio.file.Path.of("case"), "b", DType.F32, 2,
                    (off, len) -> java.nio.ByteBuffer.allocate((int) len).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                            .putFloat(7f).putFloat(8f).flip()), new long[] {2});
            Params p = GeneratedParams.of(42, "", StateDict.of(java.nio.file.Path.of("case"), "param.",
                    java.util.Map.of("fc.bias", override)), m);
            assertArrayEquals(DetWeights.values("fc.weight", new long[] {2, 5}, 42),
                    p.tensor("fc.weight", 2, 5).toFloatArray(), 0f);
            assertArrayEquals(new float[] {7f, 8f}, p.tensor("fc.bias", 2).toFloatArray(), 0f);
            assertDoesNotThrow(() -> p.finish());
        }
    }
}
