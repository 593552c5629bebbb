package io.drp.cli;

import io.drp.testing.RepoRoot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The release archive (drp-&lt;version&gt;-linux-x64.tar.gz, built in package by dist/build-dist.sh) is an install that
 * needs neither Maven nor a JDK: unpacked, its bin/drp runs on the bundled runtime with no java on the PATH and no
 * JAVA_HOME, also through a symlink, as `ln -s .../bin/drp /usr/local/bin/drp` makes.
 */
class DistArchiveIT {

    record Run(int code, String out, String err) {}

    @TempDir
    static Path tmp;
    static Path home;
    /** A PATH directory holding only the tools bin/drp uses, and a symlink to bin/drp: no java anywhere on it. */
    static Path path;
    static String version;

    @BeforeAll
    static void unpack() throws Exception {
        Path target = RepoRoot.get().resolve("drp-runner/target");
        List<Path> archives;
        try (Stream<Path> s = Files.list(target)) {
            archives = s.filter(p -> p.getFileName().toString().matches("drp-.+-linux-x64\\.tar\\.gz")).toList();
        } catch (IOException e) {
            archives = List.of();
        }
        assumeTrue(!archives.isEmpty(), "no release archive in " + target + " (mvn package builds it unless -DskipDist=true)");
        // the newest, should an archive of an earlier version still lie beside it
        Path archive = archives.stream().max(java.util.Comparator.comparing(DistArchiveIT::modified)).orElseThrow();
        String name = archive.getFileName().toString();
        version = name.substring("drp-".length(), name.length() - "-linux-x64.tar.gz".length());
        Run tar = run(List.of("tar", "-xzf", archive.toString(), "-C", tmp.toString()), System.getenv("PATH"));
        assertEquals(0, tar.code(), tar.err());
        home = tmp.resolve("drp-" + version);
        path = Files.createDirectories(tmp.resolve("path"));
        for (String tool : List.of("dirname", "readlink")) {
            Path real = Stream.of("/usr/bin/", "/bin/").map(d -> Path.of(d + tool)).filter(Files::isExecutable).findFirst().orElseThrow();
            Files.createSymbolicLink(path.resolve(tool), real);
        }
        Files.createSymbolicLink(path.resolve("drp"), home.resolve("bin/drp"));
    }

    private static java.nio.file.attribute.FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Run run(List<String> command, String pathVariable) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("PATH", pathVariable);
        for (String v : List.of("JAVA_HOME", "JDK_HOME", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS", "CLASSPATH", "DRP_JAVA_OPTS")) {
            pb.environment().remove(v);
        }
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "hung: " + command);
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /** bin/drp started as a user's shell would: by name, found on a PATH that holds no java. */
    static Run drp(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "exec drp \"$@\"", "sh"));
        command.addAll(List.of(args));
        return run(command, path.toString());
    }

    @Test
    void thePathHasNoJava() throws Exception {
        Run which = run(List.of("/bin/sh", "-c", "command -v java || echo none"), path.toString());
        assertEquals("none", which.out().strip(), "java is on the test's PATH, so the test would prove nothing");
    }

    @Test
    void versionRunsOnTheBundledRuntimeThroughASymlink() throws Exception {
        Run r = drp("version");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals("drp " + version, lines[0], r.out());
        assertTrue(lines[1].matches("commit ([0-9a-f]{7,40}|unknown)"), r.out());
        assertTrue(lines[2].startsWith("Java 17") && lines[2].contains("(" + home.toRealPath().resolve("runtime") + ")"),
                "not the bundled runtime: " + r.out());
    }

    @Test
    void validateAcceptsAValidFileAndRefusesAnInvalidOneWithExitTwo() throws Exception {
        Path valid = Files.writeString(tmp.resolve("drp.yaml"), CliTest.VALID);
        Run ok = run(List.of(home.resolve("bin/drp").toString(), "validate", "-c", valid.toString()), path.toString());
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().startsWith(valid + " is valid: 1 service(s)"), ok.out());

        Path invalid = Files.writeString(tmp.resolve("bad.yaml"), CliTest.VALID.replace("version: 1", "version: 99"));
        Run bad = run(List.of(home.resolve("bin/drp").toString(), "validate", "-c", invalid.toString()), path.toString());
        assertEquals(2, bad.code(), bad.out() + bad.err());
        assertTrue(bad.err().startsWith(invalid.toString()), bad.err());
        assertEquals(1, bad.err().strip().lines().count(), "one line: " + bad.err());
    }

    @Test
    void theArchiveHoldsTheCompletionScriptAndTheManPages() throws Exception {
        String completion = Files.readString(home.resolve("completion/drp.bash"));
        assertTrue(completion.contains("complete -F") && completion.contains("verify-ledger"), "no completion for drp's commands");
        try (Stream<Path> man = Files.list(home.resolve("man/man1"))) {
            List<String> pages = man.map(p -> p.getFileName().toString()).toList();
            assertTrue(pages.contains("drp.1") && pages.contains("drp-drill.1") && pages.contains("drp-validate.1"), pages.toString());
        }
        // roff that man(1) reads, not the AsciiDoc it was made from
        String drill = Files.readString(home.resolve("man/man1/drp-drill.1"));
        assertTrue(drill.contains(".TH \"DRP\\-DRILL\" \"1\"") && drill.contains("\\-\\-disaster\\-at"), "drill's man page: " + drill.lines().limit(12).toList());
        assertNotEquals(0, Files.size(home.resolve("runtime/lib/modules")));
    }
}
