package sadtalker.face.detect;

import ai.djl.ndarray.NDArray;
import sadtalker.checkpoint.Params;
import sadtalker.nn.Interpolate;

/**
 * facexlib {@code retinaface_net.py::FPN} for in channels (512, 1024, 2048) and 256 out. The
 * top-down path upsamples with {@code F.interpolate(nearest, size=…)} to the finer map's size,
 * which for odd input sizes is not an exact ×2.
 */
final class FPN {
    private final ConvBn output1;
    private final ConvBn output2;
    private final ConvBn output3;
    private final ConvBn merge1;
    private final ConvBn merge2;

    FPN(Params p, long out) {
        output1 = new ConvBn(p.sub("output1"), 512, out, 1, true);
        output2 = new ConvBn(p.sub("output2"), 1024, out, 1, true);
        output3 = new ConvBn(p.sub("output3"), 2048, out, 1, true);
        merge1 = new ConvBn(p.sub("merge1"), out, out, 3, true);
        merge2 = new ConvBn(p.sub("merge2"), out, out, 3, true);
    }

    NDArray[] forward(NDArray c2, NDArray c3, NDArray c4) {
        NDArray o1 = output1.forward(c2);
        NDArray o2 = output2.forward(c3);
        NDArray o3 = output3.forward(c4);
        o2 = merge2.forward(o2.add(Interpolate.nearest(o3, o2.getShape().get(2), o2.getShape().get(3))));
        o1 = merge1.forward(o1.add(Interpolate.nearest(o2, o1.getShape().get(2), o1.getShape().get(3))));
        return new NDArray[] {o1, o2, o3};
    }
}
