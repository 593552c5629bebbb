package io.drp.bench;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;

import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The baseline: what the plain SDK does with the same transfers and the same parallelism, and nothing else (no
 * manifest, no hash, no journal, no retries of its own). drp's overhead is its time over this loop's.
 */
final class RawLoop {

    private final int parallelism;

    RawLoop(int parallelism) {
        this.parallelism = parallelism;
    }

    /** One blob per object: container and name. */
    record Obj(String container, String name) {}

    /** Download each object and upload it elsewhere; returns seconds. */
    double copy(List<Obj> objects, Function<Obj, BlobClient> from, Function<Obj, BlobClient> to) throws Exception {
        return each(objects, o -> {
            BinaryData data = from.apply(o).downloadContent();
            to.apply(o).upload(data, true);
        });
    }

    /** Upload each object's bytes (seeding production); returns seconds. */
    double upload(List<Obj> objects, Function<Obj, BlobClient> to, Function<Obj, byte[]> bytes) throws Exception {
        return each(objects, o -> to.apply(o).upload(BinaryData.fromBytes(bytes.apply(o)), true));
    }

    /** Read each object back (what verify does), discarding the bytes; returns seconds. */
    double readBack(List<Obj> objects, Function<Obj, BlobClient> at) throws Exception {
        return each(objects, o -> at.apply(o).downloadStream(OutputStream.nullOutputStream()));
    }

    static void createAll(List<BlobContainerClient> containers) {
        containers.forEach(BlobContainerClient::createIfNotExists);
    }

    interface Work {
        void run(Obj o) throws Exception;
    }

    private double each(List<Obj> objects, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        long started = System.nanoTime();
        try {
            // a bounded window, as drp keeps, so the loop's own memory does not grow with the object count
            java.util.ArrayDeque<Future<?>> window = new java.util.ArrayDeque<>();
            for (Obj o : objects) {
                if (window.size() >= parallelism * 2) window.poll().get();
                window.add(pool.submit(() -> {
                    work.run(o);
                    return null;
                }));
            }
            for (Future<?> f : window) f.get();
            return (System.nanoTime() - started) / 1e9;
        } finally {
            pool.shutdownNow();
        }
    }
}
