package sadtalker.archfixture.coeff;

import sadtalker.archfixture.audio.MelFrames;

/** ArchitectureTest fixture: a stage using another stage (what coeff → audio was). */
public final class UsesAudio {
    public MelFrames mels;
}
