package sadtalker.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds where a shell's sources (server, CLI) reach past the public API: any mention of a
 * {@code sadtalker.<package>.} other than the shell's own package, in an import, a static import
 * or a fully qualified name. The public API is the {@code sadtalker} package itself (types start
 * with a capital: {@code sadtalker.InputCheck}).
 */
public final class PublicApiUse {
    private static final Pattern SUBPACKAGE = Pattern.compile("\\bsadtalker\\.([a-z][a-z0-9_]*)\\.");

    private PublicApiUse() {}

    /** Every offending line under {@code sources}, as {@code file:line: text}. */
    public static List<String> violations(Path sources, String ownPackage) throws IOException {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                problems.addAll(violations(sources.relativize(file).toString(), Files.readAllLines(file), ownPackage));
            }
        }
        return problems;
    }

    /** The offending lines of one file. */
    public static List<String> violations(String name, List<String> lines, String ownPackage) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = SUBPACKAGE.matcher(lines.get(i));
            while (m.find()) {
                if (!m.group(1).equals(ownPackage)) {
                    problems.add(name + ":" + (i + 1) + ": " + lines.get(i).strip());
                    break;
                }
            }
        }
        return problems;
    }
}
