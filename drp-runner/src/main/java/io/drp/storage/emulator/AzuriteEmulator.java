package io.drp.storage.emulator;

import io.drp.config.AccountLocation;
import io.drp.config.Secret;
import io.drp.pipeline.SignalGuard;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The embedded Azure Storage emulator: Azurite's blob service in a child process, on a free loopback port,
 * with its data under a work directory so that a backup taken by one {@code drp} run can be drilled by the
 * next. Each start mints fresh random account keys: nothing well-known, nothing written to disk.
 *
 * <p>The process is stopped by {@link #close()}, and by a shutdown hook on Ctrl-C or an uncaught failure.
 */
public final class AzuriteEmulator implements AutoCloseable {

    /** The accounts drp uses locally: one per role, as in the cloud, so read-only SAS checks are real. */
    public static final List<String> ACCOUNTS = List.of("drpprod", "drpbackup", "drprecovery");

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    /** util-linux's setsid, on every Debian: it execs in place (no fork) since drp's child leads no process group. */
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final Process process;
    private final int port;
    private final Map<String, String> keys;
    private final Path dataDir;
    private final DataDirLock lock;
    private final Thread shutdownHook;

    private AzuriteEmulator(Process process, int port, Map<String, String> keys, Path dataDir, DataDirLock lock) {
        this.process = process;
        this.port = port;
        this.keys = keys;
        this.dataDir = dataDir;
        this.lock = lock;
        // On Ctrl-C every shutdown hook starts at once: the run's own hook needs the emulator to write its ABORTED
        // report, resume state and ledger record, so the emulator waits for the runs to wind down and stops last.
        this.shutdownHook = new Thread(() -> {
            SignalGuard.awaitRunsWoundDown(SignalGuard.GRACE.plusSeconds(2));
            stopProcess();
        }, "drp-azurite-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts Azurite with its data in {@code dataDir}.
     *
     * @throws EmulatorFailure when Azurite is not installed or does not come up; the message says how to fix it
     */
    public static AzuriteEmulator start(Path dataDir) {
        Objects.requireNonNull(dataDir, "'dataDir' cannot be null.");
        Path executable = AzuriteLocator.locate();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new EmulatorFailure("cannot create emulator data directory " + dataDir + ": " + e.getMessage(), e);
        }
        Map<String, String> keys = new LinkedHashMap<>();
        SecureRandom random = new SecureRandom();
        for (String account : ACCOUNTS) {
            byte[] k = new byte[64];
            random.nextBytes(k);
            keys.put(account, Base64.getEncoder().encodeToString(k));
        }
        DataDirLock lock = DataDirLock.acquire(dataDir);
        EmulatorFailure last = null;
        // A free port found by binding port 0 can be taken by someone else before Azurite binds it: retry.
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            Process p;
            try {
                p = launch(executable, dataDir, port, keys);
            } catch (EmulatorFailure e) {
                lock.close();
                throw e;
            }
            lock.recordEmulator(p.toHandle());
            try {
                waitUntilListening(p, port, dataDir.resolve("azurite.log"));
                return new AzuriteEmulator(p, port, keys, dataDir, lock);
            } catch (EmulatorFailure e) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                last = e;
            }
        }
        lock.close();
        throw last;
    }

    private static Process launch(Path executable, Path dataDir, int port, Map<String, String> keys) {
        List<String> cmd = new ArrayList<>();
        // Its own session: a Ctrl-C reaches the terminal's whole process group, and an emulator that died with the
        // JVM's first breath left the drill nothing to write its ABORTED report, resume state and ledger record to.
        if (Files.isExecutable(SETSID)) {
            cmd.add(SETSID.toString());
        }
        if (executable.toString().endsWith(".js")) {
            cmd.add("node");
        }
        cmd.addAll(List.of(executable.toString(),
                "--blobHost", "127.0.0.1",
                "--blobPort", Integer.toString(port),
                "--location", dataDir.toAbsolutePath().toString(),
                "--skipApiVersionCheck", "--loose", "--disableTelemetry",
                // no access log: request lines carry SAS signatures, and secrets never go to logs
                "--silent"));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("azurite.log").toFile()));
        StringBuilder accounts = new StringBuilder();
        keys.forEach((name, key) -> accounts.append(accounts.length() == 0 ? "" : ";").append(name).append(':').append(key));
        pb.environment().put("AZURITE_ACCOUNTS", accounts.toString());
        try {
            return pb.start();
        } catch (IOException e) {
            throw new EmulatorFailure("cannot start the storage emulator (" + executable + "): " + e.getMessage()
                    + "; is Node.js 20 installed and on PATH?", e);
        }
    }

    private static void waitUntilListening(Process p, int port, Path log) {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new EmulatorFailure("the storage emulator exited with code " + p.exitValue() + " at start-up; see " + log);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        throw new EmulatorFailure("the storage emulator did not listen on port " + port + " within "
                + STARTUP_TIMEOUT.toSeconds() + " s; see " + log);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new EmulatorFailure("no free loopback port for the storage emulator: " + e.getMessage(), e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmulatorFailure("interrupted while waiting for the storage emulator");
        }
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String blobEndpoint(String account) {
        return "http://127.0.0.1:" + port + "/" + account;
    }

    /** A connection string for one emulator account. It carries the key: treat it as a secret. */
    public AccountLocation account(String account) {
        String key = keys.get(account);
        if (key == null) {
            throw new IllegalArgumentException("unknown emulator account " + account + "; known: " + ACCOUNTS);
        }
        String cs = "DefaultEndpointsProtocol=http;AccountName=" + account + ";AccountKey=" + key
                + ";BlobEndpoint=" + blobEndpoint(account) + ";";
        return AccountLocation.ofConnectionString(new Secret("embedded emulator " + account, cs));
    }

    /** Account keys, so tests can prove that no report or log ever contains them. */
    public List<String> secrets() {
        List<String> out = new ArrayList<>(keys.values());
        for (String a : ACCOUNTS) {
            out.add(account(a).connectionString().reveal());
        }
        return out;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Kills the emulator abruptly, as a crash would; for fault-injection tests. */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // the lock guards a running emulator over the data: with it dead, a new one may take the data over
        if (!process.isAlive()) lock.close();
    }

    private void stopProcess() {
        if (!process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    @Override
    public void close() {
        stopProcess();
        lock.close();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // already in the hook's own shutdown: nothing to remove
        }
    }
}
