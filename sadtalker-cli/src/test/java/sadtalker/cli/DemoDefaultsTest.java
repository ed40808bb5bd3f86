package sadtalker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The demo builds its {@code generate} without picocli: every option it does not set must keep generate's default. */
class DemoDefaultsTest {

    @Test
    void the_demo_generates_with_generates_defaults() {
        GenerateCommand parsed = new GenerateCommand();
        new CommandLine(parsed).parseArgs("-a", "speech.wav", "-i", "face.png");
        GenerateCommand demo = new DemoCommand.DemoOptions().toGenerate(Path.of("face.png"), Path.of("speech.wav"));
        assertEquals(parsed.batchSize, demo.batchSize, "batch size");
        assertEquals(parsed.faceThreshold, demo.faceThreshold, "face threshold");
        assertEquals(parsed.size, demo.size, "size");
        assertEquals(parsed.oldVersion, demo.oldVersion, "old version");
        assertEquals(parsed.seed, demo.seed, "seed");
        assertEquals(parsed.noEnhance, demo.noEnhance, "no enhance");
    }
}
