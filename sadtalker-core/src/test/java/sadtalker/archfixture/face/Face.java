package sadtalker.archfixture.face;

import sadtalker.archfixture.face.align.Align;

/** ArchitectureTest fixture: one half of a package cycle (what face ↔ face.align was). */
public final class Face {
    public Align align;
}
