package sadtalker.parity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import sadtalker.checkpoint.Params;
import sadtalker.render.DenseMotionConfig;
import sadtalker.render.DenseMotionNetwork;
import sadtalker.render.FacerenderData;
import sadtalker.render.GeneratorConfig;
import sadtalker.render.KPDetector;
import sadtalker.render.KPDetectorConfig;
import sadtalker.render.KeypointTransformation;
import sadtalker.render.MakeAnimation;
import sadtalker.render.MappingConfig;
import sadtalker.render.MappingNet;
import sadtalker.render.OcclusionAwareSPADEGenerator;
import sadtalker.render.blocks.AntiAliasInterpolation2d;
import sadtalker.render.blocks.Keypoints;
import sadtalker.render.blocks.SPADEResnetBlock;

/** The face renderer's stages ({@code shared/parity/stages-facerender.md}), except the two ops in {@link OpStages}. */
final class FacerenderStages {
    private FacerenderStages() {}

    static void register(StageRegistry r) {
        r.register("facerender.kp2gaussian", (c, m) -> {
            long[] size = longs(c.config().get("spatial_size"));
            float variance = (float) c.config().get("kp_variance").asDouble();
            return Map.of("gaussian", Keypoints.gaussian(c.input("kp", m), size[0], size[1], size[2], variance));
        });
        r.register("facerender.antialias_downsample", (c, m) -> {
            var down = AntiAliasInterpolation2d.create(m, c.config().get("channels").asInt(),
                    (float) c.config().get("scale").asDouble());
            return Map.of("output", down.forward(c.input("input", m)));
        });
        r.register("facerender.sparse_motions", (c, m) -> {
            long[] size = longs(c.config().get("spatial_size"));
            int numKp = c.config().get("dense_motion").get("num_kp").asInt();
            return Map.of("sparse_motions", DenseMotionNetwork.sparseMotions(c.input("kp_driving", m),
                    c.input("kp_source", m), size[0], size[1], size[2], numKp));
        });
        r.register("facerender.deformed_feature", (c, m) -> Map.of("deformed",
                DenseMotionNetwork.deformedFeature(c.input("feature", m), c.input("sparse_motions", m))));
        r.register("facerender.heatmap_representations", (c, m) -> {
            long[] size = longs(c.config().get("spatial_size"));
            return Map.of("heatmap", DenseMotionNetwork.heatmapRepresentations(c.input("kp_driving", m),
                    c.input("kp_source", m), size[0], size[1], size[2]));
        });
        r.register("facerender.keypoint_transformation", FacerenderStages::keypointTransformation);
        r.register("facerender.mapping", (c, m) -> {
            Params p = c.params(m);
            MappingNet net = new MappingNet(p, mappingConfig(c.config()));
            p.finish();
            MappingNet.Output o = net.forward(c.input("semantics", m));
            return Map.of("yaw", o.yaw(), "pitch", o.pitch(), "roll", o.roll(), "t", o.t(), "exp", o.exp());
        });
        r.register("facerender.spade_resblock", (c, m) -> {
            JsonNode cfg = c.config();
            if (!cfg.get("norm_G").asText().contains("spectral")) {
                throw new IllegalArgumentException("only the spectral SPADE blocks of SadTalker are ported: " + cfg);
            }
            Params p = c.params(m);
            SPADEResnetBlock block = new SPADEResnetBlock(p, cfg.get("fin").asLong(), cfg.get("fout").asLong(),
                    cfg.get("label_nc").asLong());
            p.finish();
            return Map.of("output", block.forward(c.input("x", m), c.input("seg", m)));
        });
        r.register("facerender.kp_detector", (c, m) -> {
            Params p = c.params(m);
            KPDetector net = new KPDetector(p, kpDetectorConfig(c.config()));
            p.finish();
            return Map.of("value", net.forward(c.input("image", m)));
        });
        r.register("facerender.dense_motion", (c, m) -> {
            Params p = c.params(m);
            DenseMotionNetwork net = new DenseMotionNetwork(p, denseMotionConfig(c.config().get("dense_motion")));
            p.finish();
            DenseMotionNetwork.Output o = net.forward(c.input("feature", m), c.input("kp_driving", m),
                    c.input("kp_source", m));
            return Map.of("mask", o.mask(), "deformation", o.deformation(), "occlusion_map", o.occlusionMap());
        });
        r.register("facerender.generator", (c, m) -> {
            Params p = c.params(m);
            OcclusionAwareSPADEGenerator net = new OcclusionAwareSPADEGenerator(p, generatorConfig(c.config()));
            p.finish();
            OcclusionAwareSPADEGenerator.Output o = net.forward(c.input("source_image", m), c.input("kp_driving", m),
                    c.input("kp_source", m));
            return Map.of("prediction", o.prediction(), "occlusion_map", o.occlusionMap(), "mask", o.mask());
        });
        r.register("facerender.make_animation", FacerenderStages::makeAnimation);
        r.register("facerender.semantics", FacerenderStages::semantics);
    }

    private static Map<String, NDArray> keypointTransformation(ParityCase c, NDManager m) {
        if (c.config().path("wo_exp").asBoolean(false) || c.config().path("num_bins").asInt(66) != 66) {
            throw new IllegalArgumentException("keypoint_transformation config " + c.config() + " is not the inference one");
        }
        MappingNet.Output he = new MappingNet.Output(c.input("yaw", m), c.input("pitch", m), c.input("roll", m),
                c.input("t", m), c.input("exp", m));
        KeypointTransformation.Result r = KeypointTransformation.apply(c.input("kp_canonical", m), he,
                optional(c, "yaw_in", m), optional(c, "pitch_in", m), optional(c, "roll_in", m));
        return Map.of("value", r.value(), "yaw_deg", r.yawDeg(), "pitch_deg", r.pitchDeg(), "roll_deg", r.rollDeg(),
                "rot_mat", r.rotMat());
    }

    private static Map<String, NDArray> makeAnimation(ParityCase c, NDManager m) {
        JsonNode cfg = c.config();
        Params root = c.params(m);   // formula names carry the prefixes kp_extractor. / generator. / mapping.
        JsonNode prefixes = cfg.get("prefixes");
        KPDetector kp = new KPDetector(sub(root, prefixes.get("kp_extractor").asText()),
                kpDetectorConfig(cfg.get("kp_extractor")));
        OcclusionAwareSPADEGenerator gen = new OcclusionAwareSPADEGenerator(sub(root, prefixes.get("generator").asText()),
                generatorConfig(cfg.get("generator")));
        MappingNet mapping = new MappingNet(sub(root, prefixes.get("mapping").asText()), mappingConfig(cfg.get("mapping")));
        root.finish();
        MakeAnimation animation = new MakeAnimation(kp, gen, mapping);
        MakeAnimation.Result r = animation.run(c.input("source_image", m), c.input("source_semantics", m),
                c.input("target_semantics", m), null, null, null, 1);
        return Map.of("predictions", r.predictions(), "kp_canonical", r.kpCanonical(), "kp_source", r.kpSource(),
                "kp_driving", r.kpDriving());
    }

    private static Map<String, NDArray> semantics(ParityCase c, NDManager m) {
        JsonNode cfg = c.config();
        FacerenderData.Options options = new FacerenderData.Options(cfg.get("batch_size").asInt(),
                (float) cfg.get("expression_scale").asDouble(), cfg.get("still_mode").asBoolean(),
                cfg.get("preprocess").asText(), cfg.get("size").asInt(), doubles(cfg.get("input_yaw_list")),
                doubles(cfg.get("input_pitch_list")), doubles(cfg.get("input_roll_list")));
        FacerenderData.Batch b = FacerenderData.of(c.input("coeff", m), c.input("first_coeff", m),
                c.input("image", m), options);
        Map<String, NDArray> out = new HashMap<>();
        out.put("source_image", b.sourceImage());
        out.put("source_semantics", b.sourceSemantics());
        out.put("target_semantics_list", b.targetSemantics());
        out.put("frame_num", m.create(new long[] {b.frameNum()}));
        if (b.yawCSeq() != null) {
            out.put("yaw_c_seq", b.yawCSeq());
        }
        if (b.pitchCSeq() != null) {
            out.put("pitch_c_seq", b.pitchCSeq());
        }
        if (b.rollCSeq() != null) {
            out.put("roll_c_seq", b.rollCSeq());
        }
        return out;
    }

    /** {@code "generator."} → the view {@code sub("generator")}. */
    private static Params sub(Params root, String prefix) {
        if (!prefix.endsWith(".")) {
            throw new IllegalArgumentException("prefix " + prefix + " does not end with a dot");
        }
        return root.sub(prefix.substring(0, prefix.length() - 1));
    }

    private static NDArray optional(ParityCase c, String name, NDManager m) {
        return c.hasInput(name) ? c.input(name, m) : null;
    }

    static MappingConfig mappingConfig(JsonNode cfg) {
        JsonNode p = cfg.get("mapping_params");
        return new MappingConfig(p.get("coeff_nc").asLong(), p.get("descriptor_nc").asLong(), p.get("layer").asInt(),
                p.get("num_kp").asInt(), p.get("num_bins").asInt());
    }

    static KPDetectorConfig kpDetectorConfig(JsonNode cfg) {
        JsonNode common = cfg.get("common_params");
        JsonNode p = cfg.get("kp_detector_params");
        if (common.path("estimate_jacobian").asBoolean(false)) {
            throw new IllegalArgumentException("KPDetector with jacobians is not ported (SadTalker never uses it)");
        }
        return new KPDetectorConfig(p.get("block_expansion").asLong(), common.get("feature_channel").asLong(),
                common.get("num_kp").asInt(), common.get("image_channel").asLong(), p.get("max_features").asLong(),
                p.get("reshape_channel").asLong(), p.get("reshape_depth").asLong(), p.get("num_blocks").asInt(),
                (float) p.get("temperature").asDouble(), (float) p.get("scale_factor").asDouble());
    }

    static DenseMotionConfig denseMotionConfig(JsonNode d) {
        return new DenseMotionConfig(d.get("block_expansion").asLong(), d.get("num_blocks").asInt(),
                d.get("max_features").asLong(), d.get("num_kp").asInt(), d.get("feature_channel").asLong(),
                d.get("reshape_depth").asLong(), d.get("compress").asLong(), d.get("estimate_occlusion_map").asBoolean());
    }

    static GeneratorConfig generatorConfig(JsonNode cfg) {
        JsonNode common = cfg.get("common_params");
        JsonNode g = cfg.get("generator_params");
        JsonNode d = g.get("dense_motion_params");
        DenseMotionConfig dense = new DenseMotionConfig(d.get("block_expansion").asLong(), d.get("num_blocks").asInt(),
                d.get("max_features").asLong(), common.get("num_kp").asInt(), common.get("feature_channel").asLong(),
                d.get("reshape_depth").asLong(), d.get("compress").asLong(), g.get("estimate_occlusion_map").asBoolean());
        return new GeneratorConfig(common.get("image_channel").asLong(), common.get("feature_channel").asLong(),
                common.get("num_kp").asInt(), g.get("block_expansion").asLong(), g.get("max_features").asLong(),
                g.get("num_down_blocks").asInt(), g.get("reshape_channel").asLong(), g.get("reshape_depth").asLong(),
                g.get("num_resblocks").asInt(), g.get("estimate_occlusion_map").asBoolean(), dense);
    }

    private static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    private static double[] doubles(JsonNode array) {
        if (array == null || array.isNull()) {
            return null;
        }
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }
}
