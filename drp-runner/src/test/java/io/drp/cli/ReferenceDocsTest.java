package io.drp.cli;

import io.drp.testing.RepoRoot;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generated references in docs/reference are what the code says today. A renamed option or drp.yaml field makes
 * this fail; regenerate with {@code mvn -pl drp-runner test -Dtest=ReferenceDocsTest -Ddrp.docs.update=true}.
 */
class ReferenceDocsTest {

    private static final boolean UPDATE = Boolean.getBoolean("drp.docs.update");

    @Test
    void theCommandLineReferenceIsWhatPicocliSaysToday() throws IOException {
        String generated = ReferenceDocs.cli(Main.commandLine(new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream())));
        assertTrue(generated.contains("## drp restore") && generated.contains("--overwrite") && generated.contains("## drp clean"), generated);
        check(RepoRoot.get().resolve("docs/reference/cli.md"), generated);
    }

    @Test
    void theDrpYamlReferenceIsWhatTheSchemaSaysToday() throws IOException {
        String generated = ReferenceDocs.config("/schema/drp-config.schema.json");
        assertTrue(generated.contains("| `backup.signing.publicKeys` |") && generated.contains("| `storage.recovery` |"), generated);
        check(RepoRoot.get().resolve("docs/reference/drp-yaml.md"), generated);
    }

    private static void check(Path file, String generated) throws IOException {
        if (UPDATE) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, generated, StandardCharsets.UTF_8);
        }
        String committed = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        assertEquals(generated, committed, file + " is stale: regenerate it with "
                + "'mvn -pl drp-runner test -Dtest=ReferenceDocsTest -Ddrp.docs.update=true' and commit the result");
    }
}
