package io.drp.storage.emulator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One emulator per data directory. Two Azurite processes over the same {@code --location} each keep their own
 * in-memory index of the same files and overwrite each other's saves: two drills "passed" on data that neither
 * could trust. The lock is an OS file lock, so it dies with its holder however that holder dies (SIGKILL
 * included), and the file records which emulator process the holder started, so that an emulator orphaned by a
 * killed drp is stopped before a new one takes its place.
 */
final class DataDirLock implements AutoCloseable {

    static final String FILE = "drp-emulator.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @throws EmulatorFailure naming the holder when another drp run (in this JVM or another) holds the directory
     */
    static DataDirLock acquire(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                l = null;
            }
            if (l == null) {
                String holder = read(ch).owner().map(p -> " (drp pid " + p + ")").orElse("");
                ch.close();
                throw new EmulatorFailure("the embedded emulator's data directory " + dataDir + " is in use by another drp run"
                        + holder + "; wait for it to finish, or give this run its own --work-dir");
            }
            DataDirLock taken = new DataDirLock(ch, l);
            read(ch).orphan().ifPresent(DataDirLock::stop);
            return taken;
        } catch (IOException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // the open failed or is being abandoned; the lock, if any, goes with the channel
                }
            }
            throw new EmulatorFailure("cannot lock the emulator data directory " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** Records the emulator this run started, with its start instant so that a recycled pid is never mistaken for it. */
    void recordEmulator(ProcessHandle emulator) {
        String started = emulator.info().startInstant().map(Instant::toString).orElse("");
        String text = "owner=" + ProcessHandle.current().pid() + "\nemulator=" + emulator.pid() + "\nstarted=" + started + "\n";
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
        } catch (IOException e) {
            // without the record a later run cannot reap an orphan; the lock itself still holds
        }
    }

    /** What the lock file says about its last holder. */
    record Holder(Optional<Long> owner, Optional<Long> emulator, String started) {

        /** The recorded emulator, if it still runs: its holder is gone (we hold the lock), so it is an orphan. */
        Optional<ProcessHandle> orphan() {
            return emulator.flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().startInstant().map(Instant::toString).orElse("").equals(started) && !started.isEmpty());
        }
    }

    private static Holder read(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(ch.size(), 4096));
        ch.read(buf, 0);
        Long owner = null, emulator = null;
        String started = "";
        for (String line : new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).split("\n")) {
            int eq = line.indexOf('=');
            if (eq < 0) continue;
            String k = line.substring(0, eq), v = line.substring(eq + 1).trim();
            try {
                switch (k) {
                    case "owner" -> owner = Long.parseLong(v);
                    case "emulator" -> emulator = Long.parseLong(v);
                    case "started" -> started = v;
                    default -> { }
                }
            } catch (NumberFormatException ignored) {
                // a damaged record names no process: nothing to reap
            }
        }
        return new Holder(Optional.ofNullable(owner), Optional.ofNullable(emulator), started);
    }

    private static void stop(ProcessHandle orphan) {
        orphan.descendants().forEach(ProcessHandle::destroyForcibly);
        orphan.destroyForcibly();
        try {
            orphan.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new EmulatorFailure("an emulator left running by an earlier drp run (pid " + orphan.pid()
                    + ") over the same data directory did not stop; stop it yourself, then run again");
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // closing the channel releases the lock in any case
        }
    }
}
