package io.drp.testing;

import io.drp.storage.emulator.AzuriteEmulator;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.nio.file.Files;

/**
 * JUnit extension giving tests a real Azurite, started once per test JVM through drp's own
 * {@link AzuriteEmulator} (so the launcher is tested too) and stopped when the JVM's tests end.
 * Tests isolate themselves with unique container names.
 */
public final class Azurite implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == AzuriteEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return e.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent("drp-azurite", k -> new Handle(), Handle.class).emulator;
    }

    static final class Handle implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final AzuriteEmulator emulator;

        Handle() {
            try {
                emulator = AzuriteEmulator.start(Files.createTempDirectory("drp-azurite-test"));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            emulator.close();
        }
    }
}
