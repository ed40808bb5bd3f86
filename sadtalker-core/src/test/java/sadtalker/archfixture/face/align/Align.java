package sadtalker.archfixture.face.align;

import sadtalker.archfixture.face.Face;

/** ArchitectureTest fixture: the other half of the cycle. */
public final class Align {
    public Face face;
}
