package sadtalker.cli;

import picocli.CommandLine;

/** The version from the jar manifest (or "development" when run from classes). */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = SadTalkerCli.class.getPackage().getImplementationVersion();
        return new String[] {"sadtalker " + (v == null ? "development" : v)};
    }
}
