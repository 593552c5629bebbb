package io.drp.storage.emulator;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds Azurite's blob server. Order: {@code DRP_AZURITE} (a path to azurite-blob), then a
 * {@code node_modules} next to the working directory or the drp jar (where {@code npm install} in the
 * repository puts it), then drp's own tool directory, installing the pinned version there on first use.
 */
public final class AzuriteLocator {

    /** Pinned here and in package.json: 3.35.0 is the last Azurite that runs on Node 20. */
    public static final String PINNED_VERSION = "3.35.0";

    private AzuriteLocator() {}

    public static Path locate() {
        String override = System.getenv("DRP_AZURITE");
        if (override != null && !override.isBlank()) {
            Path p = Path.of(override);
            if (Files.isRegularFile(p)) return p;
            throw new EmulatorFailure("DRP_AZURITE points at " + p + ", which is not a file; unset it or fix the path");
        }
        for (Path root : searchRoots()) {
            for (Path dir = root; dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve("node_modules/azurite/dist/src/blob/main.js");
                if (Files.isRegularFile(candidate)) return candidate;
            }
        }
        return installOnFirstUse();
    }

    private static List<Path> searchRoots() {
        List<Path> roots = new ArrayList<>();
        roots.add(Path.of("").toAbsolutePath());
        try {
            Path jar = Path.of(AzuriteLocator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            roots.add(jar.toAbsolutePath());
        } catch (URISyntaxException | RuntimeException ignored) {
            // running from an unusual class loader: the working directory is enough
        }
        return roots;
    }

    private static Path installOnFirstUse() {
        Path home = Path.of(System.getProperty("user.home"), ".drp", "tools", "azurite-" + PINNED_VERSION);
        Path main = home.resolve("node_modules/azurite/dist/src/blob/main.js");
        if (Files.isRegularFile(main)) return main;
        System.err.println("drp: installing the Azure Storage emulator (azurite@" + PINNED_VERSION + ") into " + home + " ...");
        try {
            Files.createDirectories(home);
            Process p = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--prefix", home.toString(),
                    "azurite@" + PINNED_VERSION)
                    .redirectErrorStream(true)
                    .redirectOutput(home.resolve("npm-install.log").toFile())
                    .start();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new EmulatorFailure("npm could not install azurite@" + PINNED_VERSION + "; see " + home.resolve("npm-install.log")
                        + " or run 'npm install' in the drp repository");
            }
        } catch (IOException e) {
            throw new EmulatorFailure("the storage emulator is not installed and npm is not available (" + e.getMessage()
                    + "); install Node.js 20 and run 'npm install' in the drp repository", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmulatorFailure("interrupted while installing the storage emulator");
        }
        if (!Files.isRegularFile(main)) {
            throw new EmulatorFailure("azurite was installed but " + main + " is missing; run 'npm install' in the drp repository");
        }
        return main;
    }
}
