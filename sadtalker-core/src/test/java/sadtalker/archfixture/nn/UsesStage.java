package sadtalker.archfixture.nn;

import sadtalker.archfixture.coeff.UsesAudio;

/** ArchitectureTest fixture: a floor using a stage. */
public final class UsesStage {
    public UsesAudio stage;
}
