package sadtalker.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code sadtalker} command line. Exit codes: 0 success, 1 a failure while working,
 * 2 bad usage (picocli's default for argument errors).
 */
@Command(name = "sadtalker", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "SadTalker talking-head generation on the JVM.",
        subcommands = {GenerateCommand.class, DemoCommand.class, ModelsCommand.class, DoctorCommand.class,
                InspectCommand.class, CommandLine.HelpCommand.class})
public final class SadTalkerCli implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** The configured command line (tests run commands through it). */
    public static CommandLine commandLine() {
        return new CommandLine(new SadTalkerCli());
    }

    public static void main(String... args) {
        System.exit(commandLine().execute(args));
    }
}
