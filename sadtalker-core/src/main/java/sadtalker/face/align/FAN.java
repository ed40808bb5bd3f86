package sadtalker.face.align;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.pooling.Pool;
import sadtalker.checkpoint.Params;
import sadtalker.nn.BatchNorm;
import sadtalker.nn.Conv;

/**
 * Port of the AWing {@code FAN} (SadTalker {@code src/face3d/util/my_awing_arch.py}, identical to
 * facexlib {@code alignment/awing_arch.py}) with {@code end_relu=False}, colour input. Weights:
 * {@code alignment_WFLW_4HG.pth} ({@code state_dict}; 4 modules, 98 landmarks).
 */
public final class FAN {
    private final int numModules;
    private final Conv conv1;
    private final BatchNorm bn1;
    private final ConvBlock conv2;
    private final ConvBlock conv3;
    private final ConvBlock conv4;
    private final HourGlass[] m;
    private final ConvBlock[] topM;
    private final Conv[] convLast;
    private final BatchNorm[] bnEnd;
    private final Conv[] l;
    private final Conv[] bl;
    private final Conv[] al;

    /** Loads a FAN with {@code numModules} hourglasses and {@code numLandmarks} (+1 boundary) heatmaps. */
    public FAN(Params p, int numModules, int numLandmarks) {
        this.numModules = numModules;
        conv1 = Conv.load(p.sub("conv1").sub("conv"), 2, 6, 64, 7, 2, 3, true);
        bn1 = BatchNorm.load(p.sub("bn1"), 64);
        conv2 = new ConvBlock(p.sub("conv2"), 64, 128);
        conv3 = new ConvBlock(p.sub("conv3"), 128, 128);
        conv4 = new ConvBlock(p.sub("conv4"), 128, 256);
        m = new HourGlass[numModules];
        topM = new ConvBlock[numModules];
        convLast = new Conv[numModules];
        bnEnd = new BatchNorm[numModules];
        l = new Conv[numModules];
        bl = new Conv[numModules];
        al = new Conv[numModules];
        for (int i = 0; i < numModules; i++) {
            m[i] = new HourGlass(p.sub("m" + i), 4, i == 0);
            topM[i] = new ConvBlock(p.sub("top_m_" + i), 256, 256);
            convLast[i] = Conv.load(p.sub("conv_last" + i), 2, 256, 256, 1, 1, 0, true);
            bnEnd[i] = BatchNorm.load(p.sub("bn_end" + i), 256);
            l[i] = Conv.load(p.sub("l" + i), 2, 256, numLandmarks + 1, 1, 1, 0, true);
            if (i < numModules - 1) {
                bl[i] = Conv.load(p.sub("bl" + i), 2, 256, 256, 1, 1, 0, true);
                al[i] = Conv.load(p.sub("al" + i), 2, numLandmarks + 1, 256, 1, 1, 0, true);
            }
        }
    }

    /** The FAN of {@code alignment_WFLW_4HG.pth}: 4 modules, 98 landmarks. */
    public static FAN wflw(Params p) {
        return new FAN(p, 4, 98);
    }

    /**
     * Runs the network on {@code (N, 3, 256, 256)} BGR / 255 and returns every module's output
     * {@code (N, 99, 64, 64)}; the last one is what {@code get_landmarks} reads.
     */
    public NDArray[] forward(NDArray input) {
        try (NDManager scope = input.getManager().newSubManager()) {
            scope.tempAttachAll(input);
            NDArray x = conv1.forward(AddCoords.forward(input, null));
            x = Activation.relu(bn1.forward(x));
            x = Pool.avgPool2d(conv2.forward(x), new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false, true);
            x = conv4.forward(conv3.forward(x));
            NDArray previous = x;
            NDArray tmpOut = null;
            NDArray[] outputs = new NDArray[numModules];
            for (int i = 0; i < numModules; i++) {
                NDArray hg = m[i].forward(previous, tmpOut);
                NDArray ll = topM[i].forward(hg);
                ll = Activation.relu(bnEnd[i].forward(convLast[i].forward(ll)));
                tmpOut = l[i].forward(ll);
                outputs[i] = tmpOut;
                if (i < numModules - 1) {
                    previous = previous.add(bl[i].forward(ll)).add(al[i].forward(tmpOut));
                }
            }
            for (NDArray o : outputs) {
                scope.ret(o);
            }
            return outputs;
        }
    }
}
