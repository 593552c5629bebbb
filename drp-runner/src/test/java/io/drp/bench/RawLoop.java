package io.drp.bench;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import io.drp.testing.DrillFixture;

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

    /** Seconds the loop took: backup (copy to the backup account), restore (copy to recovery, then read back). */
    record Figures(double backup, double restore) {}

    /** drp's transfers for {@code objects} of the fixture's production, done by this loop into containers of its own. */
    Figures backupAndRestore(DrillFixture f, List<Obj> objects) throws Exception {
        BlobContainerClient backup = f.backupWritable.container(f.prefix + "-rawbackup");
        backup.createIfNotExists();
        f.containers().forEach(c -> f.recovery.container(c + "-raw").createIfNotExists());
        double b = copy(objects, o -> f.prodWritable.container(o.container()).getBlobClient(o.name()),
                o -> backup.getBlobClient(o.container() + "/" + o.name()));
        double r = copy(objects, o -> backup.getBlobClient(o.container() + "/" + o.name()),
                o -> f.recovery.container(o.container() + "-raw").getBlobClient(o.name()));
        r += readBack(objects, o -> f.recovery.container(o.container() + "-raw").getBlobClient(o.name()));
        return new Figures(b, r);
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
