package sadtalker.coeff;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import sadtalker.checkpoint.Params;
import sadtalker.nn.Linear;

/**
 * Port of {@code src/audio2pose_models/cvae.py::DECODER}, the only half of the CVAE inference runs
 * ({@code CVAE.test} is {@code decoder(batch)}; {@code netG.encoder.*} is training only).
 * {@code MLP = [L0, ReLU, L1, Sigmoid]} on {@code cat([ref6, z + classbias[class], audio6·32])},
 * reshaped to a (32, 6) image, {@link ResUnet}, then {@code pose_linear}.
 */
final class CvaeDecoder {
    private final Audio2PoseConfig cfg;
    private final ResUnet resunet;           // resunet
    private final Linear mlpL0;              // MLP.L0
    private final Linear mlpL1;              // MLP.L1
    private final Linear poseLinear;         // pose_linear
    private final Linear linearAudio;        // linear_audio
    private final NDArray classbias;         // classbias (numClasses, latent)

    CvaeDecoder(Params p, Audio2PoseConfig cfg) {
        this.cfg = cfg;
        resunet = new ResUnet(p.sub("resunet"));
        mlpL0 = Linear.load(p.sub("MLP").sub("L0"), cfg.decoderInput(), cfg.decoderHidden(), true);
        mlpL1 = Linear.load(p.sub("MLP").sub("L1"), cfg.decoderHidden(), (long) cfg.seqLen() * 6, true);
        poseLinear = Linear.load(p.sub("pose_linear"), 6, 6, true);
        linearAudio = Linear.load(p.sub("linear_audio"), cfg.audioEmbIn(), cfg.audioEmbOut(), true);
        classbias = p.tensor("classbias", cfg.numClasses(), cfg.latentSize());
    }

    /**
     * @param z {@code (1, latent)} noise
     * @param classId pose style
     * @param ref {@code (1, 6)} reference pose
     * @param audioEmb {@code (1, seqLen, 512)}
     * @return {@code pose_motion_pred (1, seqLen, 6)}
     */
    NDArray forward(NDArray z, int classId, NDArray ref, NDArray audioEmb) {
        long bs = z.getShape().get(0);
        NDArray audioOut = linearAudio.forward(audioEmb).reshape(bs, -1);            // (1, 192)
        NDArray classBias = classbias.get(new NDIndex("{}:{}", classId, classId + 1)); // (1, 64)
        NDArray zc = z.add(classBias);
        NDArray xIn = NDArrays.concat(new NDList(ref, zc, audioOut), -1);              // (1, 262)
        NDArray h = mlpL0.forward(xIn).getNDArrayInternal().relu();
        NDArray xOut = mlpL1.forward(h).getNDArrayInternal().sigmoid();
        xOut = xOut.reshape(bs, cfg.seqLen(), -1);                                     // (1, 32, 6)
        NDArray poseEmb = resunet.forward(xOut.expandDims(1));                         // (1, 1, 32, 6)
        return poseLinear.forward(poseEmb.squeeze(1));                                 // (1, 32, 6)
    }
}
