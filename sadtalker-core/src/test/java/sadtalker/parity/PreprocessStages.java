package sadtalker.parity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import sadtalker.checkpoint.StoredTensor;
import sadtalker.face.align.CropMode;
import sadtalker.face.align.AlignFace;
import sadtalker.face.align.FAN;
import sadtalker.face.align.FaceAlignment;
import sadtalker.face.align.FaceCropper;
import sadtalker.face.align.FanLandmarks;
import sadtalker.face.align.HeatmapPoints;
import sadtalker.face.align.Landmarks98To68;
import sadtalker.image.FaceDetection;
import sadtalker.face.detect.RetinaFace;
import sadtalker.face.detect.RetinaFaceDecoder;
import sadtalker.face.detect.RetinaFaceDetector;
import sadtalker.image.Image8;
import sadtalker.face.recon.AlignImg;
import sadtalker.face.recon.Coeffs3dmm;
import sadtalker.face.recon.Lm3dStd;
import sadtalker.face.recon.ReconNetWrapper;

/** The {@code preprocess.*} stages (source image → landmarks, crop, 3DMM coefficients): {@code stages-face.md}. */
final class PreprocessStages {
    private PreprocessStages() {}

    static void register(StageRegistry r) {
        r.register("preprocess.retinaface_net", (c, m) -> {
            RetinaFace.Heads h = new RetinaFace(c.params(m)).forward(c.input("input", m));
            return Map.of("loc", h.loc(), "conf", h.conf(), "landms", h.landms());
        });
        r.register("preprocess.retinaface_detect", (c, m) -> {
            requireDetectConfig(c);
            RetinaFaceDetector det = new RetinaFaceDetector(new RetinaFace(c.params(m)));
            List<FaceDetection> dets = det.detect(image(c.input("image")), c.config().get("pil").asInt() != 0, m);
            return Map.of("dets", dets(dets, m));
        });
        r.register("preprocess.retinaface_decode", (c, m) -> {
            requireDetectConfig(c);
            long[] hw = c.input("image_hw").toLongArray();
            List<FaceDetection> dets = RetinaFaceDecoder.decode(c.input("loc").toFloatArray(),
                    c.input("conf").toFloatArray(), c.input("landms").toFloatArray(), (int) hw[0], (int) hw[1],
                    (float) c.config().get("conf_threshold").asDouble(), (float) c.config().get("nms_threshold").asDouble());
            return Map.of("dets", dets(dets, m));
        });
        r.register("preprocess.awing_input", (c, m) -> {
            return Map.of("input", m.create(FanLandmarks.input(image(c.input("crop"))), new Shape(1, 3, 256, 256)));
        });
        r.register("preprocess.awing_fan", (c, m) -> {
            var cfg = c.config();
            if (cfg.get("end_relu").asBoolean() || cfg.get("gray_scale").asBoolean()) {
                throw new IllegalArgumentException("FAN config " + cfg + " is not the one the port implements");
            }
            FAN fan = new FAN(c.params(m), cfg.get("num_modules").asInt(), cfg.get("num_landmarks").asInt());
            NDArray[] outs = fan.forward(c.input("input", m));
            return Map.of("heatmaps", outs[outs.length - 1], "heatmaps_first", outs[0]);
        });
        r.register("preprocess.awing_landmarks", (c, m) -> {
            StoredTensor hm = c.input("heatmaps");
            long[] hw = c.input("crop_hw").toLongArray();
            float[] pts = HeatmapPoints.points(hm.toFloatArray(), 98, 64, (int) hw[0], (int) hw[1]);
            return Map.of("landmarks98", m.create(pts, new Shape(98, 2)));
        });
        r.register("preprocess.landmark_98_to_68", (c, m) -> Map.of("landmarks68",
                m.create(Landmarks98To68.convert(c.input("landmarks98").toFloatArray()), new Shape(68, 2))));
        r.register("preprocess.align_face", (c, m) -> {
            long[] wh = c.input("image_wh").toLongArray();
            FaceAlignment a = AlignFace.align(c.input("landmarks68").toFloatArray(), (int) wh[0], (int) wh[1],
                    c.config().get("output_size").asInt());
            float[] quad = new float[4];
            long[] quadInt = new long[4];
            for (int i = 0; i < 4; i++) {
                quad[i] = (float) a.quad()[i];
                quadInt[i] = a.quadInt()[i];
            }
            return Map.of("rsize", m.create(new long[] {a.rsizeW(), a.rsizeH()}),
                    "crop", m.create(longs(a.crop())), "quad", m.create(quad), "quad_int", m.create(quadInt));
        });
        r.register("preprocess.crop_info", (c, m) -> {
            var cfg = c.config();
            CropMode mode = CropMode.parse(cfg.get("mode").asText());
            if (mode.extended() != cfg.get("still").asBoolean() || cfg.get("xsize").asInt() != AlignFace.OUTPUT_SIZE) {
                throw new IllegalArgumentException("crop_info config " + cfg + " is inconsistent");
            }
            FaceCropper.Result res = FaceCropper.crop(image(c.input("image")), c.input("landmarks68").toFloatArray(),
                    mode, cfg.get("pic_size").asInt());
            return Map.of("cropped", array(res.cropped(), m), "frame", array(res.frame(), m),
                    "crop_size", m.create(new long[] {res.info().width(), res.info().height()}),
                    "crop", m.create(longs(res.info().crop())), "quad_int", m.create(longs(res.info().quad())));
        });
        r.register("preprocess.lm3d_std", (c, m) -> Map.of("lm3d_std",
                m.create(Lm3dStd.fromTable(c.input("lm").toFloatArray()), new Shape(5, 3))));
        r.register("preprocess.align_img", (c, m) -> {
            var cfg = c.config();
            if (cfg.get("target_size").asInt() != AlignImg.TARGET_SIZE
                    || cfg.get("rescale_factor").asDouble() != AlignImg.RESCALE_FACTOR) {
                throw new IllegalArgumentException("align_img config " + cfg + " is not SadTalker's");
            }
            AlignImg.Result res = AlignImg.align(image(c.input("frame")), c.input("landmarks68").toFloatArray(),
                    Lm3dStd.standard());
            float[] t = res.transParams();
            return Map.of("im_t", m.create(AlignImg.netInput(res.image()), new Shape(1, 3, 224, 224)),
                    "trans", m.create(new float[] {t[2], t[3], t[4]}));
        });
        r.register("preprocess.recon_net", (c, m) -> {
            var cfg = c.config();
            if (!"resnet50".equals(cfg.get("net_recon").asText()) || cfg.get("use_last_fc").asBoolean()) {
                throw new IllegalArgumentException("recon config " + cfg + " is not SadTalker's");
            }
            return Map.of("coeffs", new ReconNetWrapper(c.params(m)).forward(c.input("input", m)));
        });
        r.register("preprocess.coeffs", (c, m) -> {
            float[] full = c.input("full_coeff").toFloatArray();
            float[] coeff = Coeffs3dmm.coeff3dmm(full, c.input("trans_params").toFloatArray());
            return Map.of("coeff_3dmm", m.create(coeff, new Shape(1, 73)),
                    "full_3dmm", m.create(full, new Shape(1, full.length)));
        });
    }

    private static void requireDetectConfig(ParityCase c) {
        var cfg = c.config();
        if (!cfg.path("use_origin_size").asBoolean(true) || cfg.path("clip").asBoolean(false)
                || !cfg.path("variance").toString().equals("[0.1,0.2]")
                || !cfg.path("steps").toString().equals("[8,16,32]")
                || !cfg.path("min_sizes").toString().equals("[[16,32],[64,128],[256,512]]")) {
            throw new IllegalArgumentException("detector config " + cfg + " is not the one the port implements");
        }
    }

    /** A U8 (H, W, 3) case tensor as an image. */
    static Image8 image(StoredTensor t) {
        long[] s = t.shape();
        if (s.length != 3 || s[2] != 3) {
            throw new IllegalArgumentException("expected an (H, W, 3) image, got shape " + java.util.Arrays.toString(s));
        }
        long[] v = t.toLongArray();
        byte[] d = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = (byte) v[i];
        }
        return new Image8((int) s[0], (int) s[1], d);
    }

    private static NDArray array(Image8 img, NDManager m) {
        return m.create(java.nio.ByteBuffer.wrap(img.pixels()), new Shape(img.height(), img.width(), 3), DataType.UINT8);
    }

    private static NDArray dets(List<FaceDetection> dets, NDManager m) {
        return m.create(RetinaFaceDecoder.rows(dets), new Shape(dets.size(), 15));
    }

    private static long[] longs(int[] a) {
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }
}
