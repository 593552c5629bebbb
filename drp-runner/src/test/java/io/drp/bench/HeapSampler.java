package io.drp.bench;

/** The highest used heap seen, sampled every 20 ms: what a run needed, garbage included, while it ran. */
final class HeapSampler implements AutoCloseable {

    private volatile boolean running = true;
    private volatile long peak;
    private final Thread thread;

    HeapSampler() {
        System.gc(); // start from live data only, so one run's garbage is not charged to the next
        thread = new Thread(() -> {
            Runtime rt = Runtime.getRuntime();
            while (running) {
                peak = Math.max(peak, rt.totalMemory() - rt.freeMemory());
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    long peakBytes() {
        return peak;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
