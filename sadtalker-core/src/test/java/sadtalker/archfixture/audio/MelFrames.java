package sadtalker.archfixture.audio;

/** ArchitectureTest fixture: a stage type another stage must not use. */
public final class MelFrames {}
