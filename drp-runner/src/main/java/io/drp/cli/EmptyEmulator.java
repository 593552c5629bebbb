package io.drp.cli;

import io.drp.config.DrpConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * On the embedded emulator, the data is wherever --work-dir says. A status run in the wrong directory starts an
 * empty emulator and reports "no backup", which reads like a lost backup: this names the directory it used and
 * the option that points elsewhere. Checked before the emulator starts, since starting it creates the directory.
 */
final class EmptyEmulator {

    private EmptyEmulator() {}

    /** The warning, when drp.yaml has no storage section and {@code <workDir>/emulator} holds nothing yet. */
    static Optional<String> warning(DrpConfig cfg, Path workDir) {
        if (cfg.storage().isPresent()) return Optional.empty();
        Path data = workDir.resolve("emulator");
        if (Files.isDirectory(data) && !isEmpty(data)) return Optional.empty();
        return Optional.of("the embedded emulator's data directory " + data.toAbsolutePath() + " is empty, so this status describes a "
                + "fresh emulator, not your backups; pass the --work-dir your backups used (the demo's is --work-dir .drp/demo)");
    }

    private static boolean isEmpty(Path dir) {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
