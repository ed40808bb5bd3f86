package sadtalker.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sadtalker.checkpoint.Params;
import sadtalker.nn.Torch;
import sadtalker.parity.ParityCase;
import sadtalker.testkit.SharedData;

/**
 * Rendering frames in batches gives the frames of the original one-frame-at-a-time loop (the full
 * generator run on the source image for every frame). Small networks: the reduced-width weights
 * of the parity cases (so that the spectral norms hold converged vectors) on 32×32 images, since
 * the SPADE decoder keeps its full widths (a 64×64 frame costs seconds on a busy 2-core machine).
 */
class MakeAnimationBatchTest {
    /**
     * Batches change only the order of float32 sums inside oneDNN's kernels: measured up to 1.4e-5
     * on these frames (the generator's own float32-vs-float64 gap is 1.9e-5), while different
     * frames differ by far more (checked below), so a mixed-up or misplaced frame fails.
     */
    private static final double TOLERANCE = 1e-4;

    private static NDManager m;
    private static MakeAnimation animation;
    private static NDArray source;
    private static NDArray sourceSemantics;
    private static NDArray target;

    private static ParityCase open(String name) {
        return ParityCase.open(SharedData.dir().resolve("parity/cases/" + name + ".safetensors"));
    }

    @BeforeAll
    static void build() {
        m = Torch.newCpuManager();
        try (ParityCase gen = open("facerender.generator--small-happy-64");
                ParityCase kp = open("facerender.kp_detector--small-sad-128");
                ParityCase map = open("facerender.mapping--crop-bs3")) {
            KPDetector kpDetector = new KPDetector(kp.params(m), new KPDetectorConfig(8, 32, 15, 3, 64, 512, 8, 4, 0.1f, 0.5f));
            Params genParams = gen.params(m);
            OcclusionAwareSPADEGenerator generator = new OcclusionAwareSPADEGenerator(genParams,
                    new GeneratorConfig(3, 16, 15, 64, 128, 2, 16, 8, 2, true,
                            new DenseMotionConfig(8, 3, 64, 15, 16, 8, 4, true)));
            MappingNet mapping = new MappingNet(map.params(m), MappingConfig.CROP);
            animation = new MakeAnimation(kpDetector, generator, mapping);
            source = Pool.avgPool2d(gen.input("source_image", m), new Shape(2, 2), new Shape(2, 2),
                    new Shape(0, 0), false, true);                             // (1, 3, 32, 32)
            NDArray windows = map.input("semantics", m);                        // (3, 70, 27)
            sourceSemantics = windows.get("0:1");
            target = windows.expandDims(0);                                     // (1, 3, 70, 27)
        }
    }

    @AfterAll
    static void close() {
        m.close();
    }

    @Test
    void batches_of_any_size_give_the_frames_of_the_one_at_a_time_loop() {
        NDArray expected = oneAtATime();
        double between = expected.get(":, 1").sub(expected.get(":, 2")).abs().max().getFloat();
        assertTrue(between > 100 * TOLERANCE, "frames 1 and 2 should differ clearly, differ by " + between);
        for (int batchSize : new int[] {2}) {                   // batches of 2 and 1
            MakeAnimation.Result r = animation.run(source, sourceSemantics, target, null, null, null, batchSize);
            assertEquals(new Shape(1, 3, 3, 32, 32), r.predictions().getShape());
            double worst = r.predictions().sub(expected).abs().max().getFloat();
            assertTrue(worst <= TOLERANCE, "batch " + batchSize + ": worst difference " + worst);
        }
    }

    @Test
    void camera_sequences_replace_the_pose_of_each_frame() {
        float[] degrees = {-20, 5, 30};
        NDArray yaw = m.create(degrees, new Shape(1, 3));
        NDArray pitch = m.create(new float[] {3, 3, 3}, new Shape(1, 3));
        MakeAnimation.Result r = animation.run(source, sourceSemantics, target, yaw, pitch, null, 3);
        for (int i = 0; i < degrees.length; i++) {
            NDArray window = target.get(new NDIndex(":, {}", i));
            KeypointTransformation.Result kp = KeypointTransformation.apply(r.kpCanonical(),
                    animation.mapping().forward(window), yaw.get(new NDIndex(":, {}", i)),
                    pitch.get(new NDIndex(":, {}", i)), null);
            assertEquals(degrees[i], kp.yawDeg().getFloat(0), 0f);
            NDArray used = r.kpDriving().get(new NDIndex(":, {}", i));
            assertTrue(used.sub(kp.value()).abs().max().getFloat() <= TOLERANCE, "frame " + i);
        }
    }

    @Test
    void face_renderer_renders_a_facerender_batch_in_frame_order() {
        // T = 3 frames, batch_size 2: get_facerender_data pads to 4 windows laid out (2, 2, 70, 27)
        NDArray coeff = target.get("0, 0:3, :, 13");                             // window centres (3, 70)
        NDArray firstCoeff = NDArrays.concat(new NDList(sourceSemantics.get(":, :, 13"),
                m.create(new float[] {1.2f, 128f, 128f}, new Shape(1, 3))), 1);
        NDArray image = source.get(0).transpose(1, 2, 0).mul(255).round().toType(ai.djl.ndarray.types.DataType.UINT8, false);
        FacerenderData.Batch data = FacerenderData.of(coeff, firstCoeff, image,
                new FacerenderData.Options(2, 1f, false, "crop", 32, null, null, null));
        try (FaceRenderer renderer = new FaceRenderer(m.newSubManager(), RenderMode.CROP, animation.kpDetector(),
                animation.generator(), animation.mapping())) {
            NDArray frames = renderer.render(data, 2);
            assertEquals(new Shape(3, 3, 32, 32), frames.getShape());
            // the original: make_animation over the (bs, n) layout, then reshape(-1)[:frame_num]
            MakeAnimation.Result r = animation.run(data.sourceImage(), data.sourceSemantics(), data.targetSemantics(),
                    null, null, null, 1);
            NDArray original = r.predictions().reshape(-1, 3, 32, 32).get(new NDIndex("0:3"));
            assertTrue(frames.sub(original).abs().max().getFloat() <= TOLERANCE);
        }
    }

    /** The original loop: per frame, MappingNet → keypoint_transformation → the whole generator. */
    private static NDArray oneAtATime() {
        NDArray kpCanonical = animation.kpDetector().forward(source);
        NDArray kpSource = KeypointTransformation.apply(kpCanonical,
                animation.mapping().forward(sourceSemantics), null, null, null).value();
        List<NDArray> frames = new ArrayList<>();
        for (int i = 0; i < target.getShape().get(1); i++) {
            NDArray window = target.get(new NDIndex(":, {}", i));
            NDArray kpDriving = KeypointTransformation.apply(kpCanonical, animation.mapping().forward(window),
                    null, null, null).value();
            frames.add(animation.generator().forward(source, kpDriving, kpSource).prediction());
        }
        return NDArrays.stack(new NDList(frames), 1);
    }
}
