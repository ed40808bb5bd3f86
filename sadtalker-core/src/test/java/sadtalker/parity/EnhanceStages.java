package sadtalker.parity;

import sadtalker.testkit.GeneratedParams;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import sadtalker.checkpoint.Params;
import sadtalker.checkpoint.StoredTensor;
import sadtalker.enhance.GFPGANv1Clean;
import sadtalker.enhance.GfpganConfig;
import sadtalker.enhance.ParseNet;
import sadtalker.checkpoint.StateDict;
import sadtalker.enhance.FaceAlign;
import sadtalker.image.FaceDetection;
import sadtalker.enhance.GfpganEnhancer;
import sadtalker.enhance.PasteBack;
import sadtalker.image.CropInfo;
import sadtalker.video.FullPaste;
import sadtalker.image.Image8;
import sadtalker.video.ResizeFrames;

/** Stages after rendering: frame resize, full-mode paste, GFPGAN enhancement ({@code stages-enhance.md}). */
final class EnhanceStages {
    private EnhanceStages() {}

    static void register(StageRegistry r) {
        r.register("video.resize_frames", EnhanceStages::resizeFrames);
        r.register("video.paste_full", EnhanceStages::pasteFull);
        r.register("enhancer.align_warp", EnhanceStages::alignWarp);
        r.register("enhancer.paste_back", EnhanceStages::pasteBack);
        r.register("enhancer.gfpgan", EnhanceStages::gfpgan);
        r.register("enhancer.parsenet", EnhanceStages::parsenet);
        r.register("enhancer.enhance_frame", EnhanceStages::enhanceFrame);
    }

    private static Map<String, NDArray> resizeFrames(ParityCase c, NDManager m) {
        float[] size = c.input("original_size").toFloatArray();
        int imgSize = (int) c.input("img_size").toLongArray()[0];
        List<Image8> out = ResizeFrames.resize(c.input("frames", m), size[0], size[1], imgSize);
        Image8 first = out.get(0);
        ByteBuffer b = ByteBuffer.allocate(out.size() * first.pixels().length);
        out.forEach(i -> b.put(i.pixels()));
        return Map.of("frames", m.create(b.flip(), new Shape(out.size(), first.height(), first.width(), 3), DataType.UINT8));
    }

    private static Map<String, NDArray> pasteFull(ParityCase c, NDManager m) {
        float[] size = c.input("original_size").toFloatArray();
        long[] crop = c.input("crop").toLongArray();
        float[] quad = c.input("quad").toFloatArray();
        // the product keeps int() of the quad, as paste_pic truncates it; the resized size is not used by the paste
        CropInfo info = new CropInfo((int) size[0], (int) size[1],
                new int[] {(int) crop[0], (int) crop[1], (int) crop[2], (int) crop[3]},
                new int[] {(int) quad[0], (int) quad[1], (int) quad[2], (int) quad[3]}, 0, 0);
        boolean extended = c.config().path("extended_crop").asBoolean();
        Image8 out = new FullPaste(image(c, "full_img"), info, extended).paste(image(c, "crop_frame"));
        return Map.of("image", image(out, m));
    }

    private static Map<String, NDArray> alignWarp(ParityCase c, NDManager m) {
        double[] a = FaceAlign.estimateAffine(c.input("landmarks5").toFloatArray());
        Image8 crop = FaceAlign.warp(image(c, "image"), a);
        return Map.of("affine", matrix(a, m), "cropped_face", image(crop, m));
    }

    private static Map<String, NDArray> pasteBack(ParityCase c, NDManager m) {
        int upscale = (int) c.input("upscale").toLongArray()[0];
        double[] affine = widen(c.input("affine").toFloatArray());
        byte[] classes = c.hasInput("parse_classes") ? bytes(c.input("parse_classes")) : null;
        if (c.config().path("use_parse").asBoolean() != (classes != null)) {
            throw new IllegalArgumentException("use_parse and the parse_classes input disagree");
        }
        List<PasteBack.Pasted> trace = new ArrayList<>();
        Image8 out = PasteBack.paste(image(c, "input_img"),
                List.of(new PasteBack.Face(image(c, "restored_face"), affine, classes)), upscale, trace);
        PasteBack.Pasted p = trace.get(0);
        float[] soft = new float[p.softMask().length];
        for (int i = 0; i < soft.length; i++) {
            soft[i] = (float) p.softMask()[i];
        }
        return Map.of("inverse_affine", matrix(p.inverseAffine(), m),
                "soft_mask", m.create(soft, new Shape(out.height(), out.width())),
                "inv_restored", image(p.invRestored(), m), "image", image(out, m));
    }

    static GfpganConfig gfpganConfig(JsonNode j) {
        if (!j.path("input_is_latent").asBoolean() || !j.path("different_w").asBoolean()
                || j.path("num_mlp").asInt() != 8) {
            throw new IllegalArgumentException("the port implements GFPGANer's configuration only, not " + j);
        }
        return new GfpganConfig(j.get("out_size").asInt(), j.get("num_style_feat").asInt(),
                j.get("channel_multiplier").asInt(), j.get("narrow").asDouble(), j.get("sft_half").asBoolean());
    }

    private static Map<String, NDArray> gfpgan(ParityCase c, NDManager m) {
        JsonNode j = c.config();
        if (j.path("randomize_noise").asBoolean(true) || j.path("return_rgb").asBoolean(true)) {
            throw new IllegalArgumentException("case needs randomize_noise=false and return_rgb=false: " + j);
        }
        Params p = c.params(m);
        GFPGANv1Clean net = new GFPGANv1Clean(p, gfpganConfig(j));
        p.finish();
        return Map.of("image", net.forward(c.input("x", m), net.storedNoise()));
    }

    static ParseNet.Config parseConfig(JsonNode j) {
        ParseNet.Config d = ParseNet.Config.REAL;
        JsonNode range = j.path("ch_range");
        if (!j.path("relu_type").asText("LeakyReLU").equals("LeakyReLU") || !j.path("norm_type").asText("bn").equals("bn")) {
            throw new IllegalArgumentException("the port implements LeakyReLU/bn ParseNet only, not " + j);
        }
        return new ParseNet.Config(j.path("in_size").asInt(128), j.path("out_size").asInt(128),
                j.path("min_feat_size").asInt(d.minFeatSize()), j.path("base_ch").asInt(d.baseCh()),
                j.path("parsing_ch").asInt(d.parsingCh()), j.path("res_depth").asInt(d.resDepth()),
                range.isMissingNode() ? d.minCh() : range.get(0).asInt(), range.isMissingNode() ? d.maxCh() : range.get(1).asInt());
    }

    private static Map<String, NDArray> parsenet(ParityCase c, NDManager m) {
        Params p = c.params(m);
        ParseNet net = new ParseNet(p, parseConfig(c.config()));
        p.finish();
        ParseNet.Output o = net.forward(c.input("x", m));
        return Map.of("mask", o.mask(), "img", o.img());
    }

    private static Map<String, NDArray> enhanceFrame(ParityCase c, NDManager m) {
        JsonNode j = c.config();
        if (j.path("upscale").asInt() != GfpganEnhancer.UPSCALE || !j.path("use_parse").asBoolean()
                || j.path("randomize_noise").asBoolean(true) || j.path("only_center_face").asBoolean(true)
                || !j.path("bg_upsampler").isNull() || j.path("eye_dist_threshold").asDouble() != GfpganEnhancer.EYE_DIST_THRESHOLD) {
            throw new IllegalArgumentException("case configuration differs from SadTalker's GFPGANer: " + j);
        }
        Params gp = c.params(m);
        GFPGANv1Clean g = new GFPGANv1Clean(gp, gfpganConfig(j.get("gfpgan")));
        gp.finish();
        // ParseNet: same seed on its own keys; the param.* overrides are GFPGAN's only.
        Params pp = GeneratedParams.of(c.seed(), "", StateDict.of(c.file(), "", Map.of()), m);
        ParseNet pn = new ParseNet(pp, parseConfig(j.get("parsenet")));
        pp.finish();
        StoredTensor det = c.input("detections");
        float[] rows = det.toFloatArray();
        int width = (int) det.shape()[1];
        List<FaceDetection> detections = new ArrayList<>();
        for (int i = 0; i < det.shape()[0]; i++) {
            detections.add(FaceDetection.ofRow(java.util.Arrays.copyOfRange(rows, i * width, (i + 1) * width)));
        }
        GfpganEnhancer.Result r = new GfpganEnhancer(m, g, pn, null)
                .enhance(image(c, "image"), detections, GfpganEnhancer.Noise.STORED);
        ByteBuffer faces = ByteBuffer.allocate(r.restoredFaces().size() * 512 * 512 * 3);
        r.restoredFaces().forEach(f -> faces.put(f.pixels()));
        return Map.of("restored_faces", m.create(faces.flip(), new Shape(r.restoredFaces().size(), 512, 512, 3), DataType.UINT8),
                "image", image(r.image(), m));
    }

    static double[] widen(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    static NDArray matrix(double[] a, NDManager m) {
        return m.create(a, new Shape(2, 3));
    }

    static byte[] bytes(StoredTensor t) {
        ByteBuffer b = t.bytes();
        byte[] px = new byte[b.remaining()];
        b.get(px);
        return px;
    }

    static Image8 image(ParityCase c, String name) {
        StoredTensor t = c.input(name);
        long[] s = t.shape();
        if (s.length != 3 || s[2] != 3) {
            throw new IllegalArgumentException("input " + name + " is not an [H, W, 3] image: " + java.util.Arrays.toString(s));
        }
        return new Image8((int) s[0], (int) s[1], bytes(t));
    }

    static NDArray image(Image8 i, NDManager m) {
        return m.create(ByteBuffer.wrap(i.pixels()).order(ByteOrder.nativeOrder()), new Shape(i.height(), i.width(), 3),
                DataType.UINT8);
    }
}
