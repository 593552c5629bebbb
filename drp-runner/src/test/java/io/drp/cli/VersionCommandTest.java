package io.drp.cli;

import io.drp.testing.RepoRoot;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static io.drp.cli.CliTest.drp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code drp version}, as az, kubectl and Velero users type it, names the version and the commit it was built from. */
class VersionCommandTest {

    /** The commit of this checkout, asked of git itself rather than of the file the build wrote. */
    private static String headCommit() throws Exception {
        Process git = new ProcessBuilder("git", "-C", RepoRoot.get().toString(), "rev-parse", "HEAD").redirectErrorStream(true).start();
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(git.waitFor(30, TimeUnit.SECONDS));
        assumeTrue(git.exitValue() == 0, "not a git checkout: " + out);
        return out;
    }

    @Test
    void versionPrintsTheVersionAndTheCommitItWasBuiltFrom() throws Exception {
        CliTest.Run r = drp("version");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        String[] lines = r.out().split("\n");
        assertTrue(lines[0].matches("drp \\d+\\.\\d+\\.\\d+\\S*"), r.out());
        assertTrue(lines[1].startsWith("commit "), r.out());
        String commit = lines[1].substring("commit ".length());
        assertTrue(commit.length() >= 7 && headCommit().startsWith(commit), commit + " is not this checkout's HEAD " + headCommit());
        assertTrue(lines[2].startsWith("Java "), r.out());
    }

    @Test
    void theVersionOptionPrintsTheSame() {
        CliTest.Run option = drp("--version");
        assertEquals(0, option.code(), option.err());
        assertEquals(drp("version").out(), option.out());
    }
}
