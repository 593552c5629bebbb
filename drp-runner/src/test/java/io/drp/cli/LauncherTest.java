package io.drp.cli;

import io.drp.testing.RepoRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The ./drp launcher on a fresh clone, with stand-ins for mvn, npm and java that behave like the real ones
 * where it matters: Maven's quiet mode writes colour resets, and a failed build writes coloured errors.
 */
class LauncherTest {

    record Result(int code, String out, String err) {}

    private static Path script(Path dir, String name, String body) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/usr/bin/env bash\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private static Result launch(Path tmp, String mvnBody) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash");
        Path root = Files.createDirectories(tmp.resolve("clone"));
        Files.copy(RepoRoot.get().resolve("drp"), root.resolve("drp"));
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        script(bin, "mvn", mvnBody);
        script(bin, "npm", "mkdir -p node_modules/azurite/dist/src/blob && touch node_modules/azurite/dist/src/blob/main.js; printf '\\033[0m'");
        script(bin, "java", "echo \"java $*\"");
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", root.resolve("drp").toString(), "--version");
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        pb.environment().remove("DRP_JAVA_OPTS");
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher hung");
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void theFirstRunSaysWhatItDoesAndHowLongWithoutMavensEscapeSequences(@TempDir Path tmp) throws Exception {
        Result r = launch(tmp, "printf '\\033[0m\\033[0m'; mkdir -p drp-runner/target && touch drp-runner/target/drp.jar");
        assertEquals(0, r.code(), r.err());
        assertFalse((r.out() + r.err()).contains("\u001b"), "escape sequences reached the terminal: " + r.err());
        assertTrue(r.err().contains("first run; building drp (Maven, tests skipped; about 1 min"), r.err());
        assertTrue(r.err().contains("installing the storage emulator"), r.err());
        assertTrue(r.err().matches("(?s).*build done in \\d+ s.*"), r.err());
        assertEquals("java -jar " + tmp.resolve("clone/drp-runner/target/drp.jar") + " --version", r.out().strip());
    }

    @Test
    void aFailedBuildShowsMavensOutputCleanedAndExitsThree(@TempDir Path tmp) throws Exception {
        Result r = launch(tmp, "printf '\\033[1;31m[ERROR]\\033[m Failed to execute goal: boom\\n'; exit 1");
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("[ERROR] Failed to execute goal: boom"), r.err());
        assertFalse(r.err().contains("\u001b"), r.err());
        assertTrue(r.err().contains("build failed after"), r.err());
        assertEquals("", r.out(), "drp itself must not run on a failed build");
    }
}
