package io.drp.watch;

import io.drp.report.ReportJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/** The watch's state in {@code <work dir>/watch/state.json}, written atomically so cron rounds never read half a file. */
public final class StateStore {

    private final Path file;

    public StateStore(Path workDir) {
        this.file = workDir.resolve("watch").resolve("state.json");
    }

    public Path file() {
        return file;
    }

    public WatchState load(Instant now) {
        if (!Files.exists(file)) return WatchState.up(now);
        try {
            return ReportJson.mapper().readValue(file.toFile(), WatchState.class);
        } catch (IOException e) {
            throw new io.drp.failure.StateFailure("the watch state " + file + " cannot be read (" + e.getClass().getSimpleName()
                    + "); remove it to start from up", e);
        }
    }

    public void save(WatchState s) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".state", ".tmp");
            ReportJson.mapper().writeValue(tmp.toFile(), s);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
