package io.drp.demo;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import io.drp.storage.StorageAccount;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A deterministic production dataset for the demo and the tests: JSON orders, invoice documents and
 * binary media, a few MB across three containers. Deterministic (seeded) so figures are reproducible.
 */
public final class DemoDataset {

    public static final List<String> CONTAINERS = List.of("invoices", "media", "orders");

    private final StorageAccount production;
    private final Random random;
    private int orderSeq;
    private int invoiceSeq;

    public DemoDataset(StorageAccount production, long seed) {
        if (production.readOnly()) throw new IllegalArgumentException("seeding needs a writable production account");
        this.production = production;
        this.random = new Random(seed);
    }

    /** What a mutation did, so callers know exactly which objects changed. */
    public record Changes(List<String> written, List<String> deleted, long bytesWritten) {}

    public Changes seed(int orders, int invoices, int media) {
        CONTAINERS.forEach(c -> production.container(c).createIfNotExists());
        List<String> written = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < orders; i++) bytes += putOrder(written);
        for (int i = 0; i < invoices; i++) bytes += putInvoice(written);
        for (int i = 0; i < media; i++) {
            String name = String.format(Locale.ROOT, "img/%04d.bin", i);
            bytes += put("media", name, randomBytes(40_000 + random.nextInt(120_000)), written);
        }
        return new Changes(written, List.of(), bytes);
    }

    /** Adds new orders and invoices, rewrites some existing orders, deletes some others. */
    public Changes churn(int newOrders, int newInvoices, int rewrites, int deletes) {
        List<String> written = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < newOrders; i++) bytes += putOrder(written);
        for (int i = 0; i < newInvoices; i++) bytes += putInvoice(written);
        List<String> existing = names("orders");
        for (int i = 0; i < rewrites && !existing.isEmpty(); i++) {
            String name = existing.get(random.nextInt(existing.size()));
            bytes += put("orders", name, orderJson(name).getBytes(StandardCharsets.UTF_8), written);
        }
        existing = names("orders");
        for (int i = 0; i < deletes && existing.size() > 1; i++) {
            String name = existing.remove(random.nextInt(existing.size()));
            production.container("orders").getBlobClient(name).delete();
            deleted.add("orders/" + name);
        }
        return new Changes(written, deleted, bytes);
    }

    private List<String> names(String container) {
        List<String> out = new ArrayList<>();
        production.container(container).listBlobs().forEach(b -> out.add(b.getName()));
        return out;
    }

    private long putOrder(List<String> written) {
        String name = String.format(Locale.ROOT, "2026/11/order-%05d.json", ++orderSeq);
        return put("orders", name, orderJson(name).getBytes(StandardCharsets.UTF_8), written);
    }

    private long putInvoice(List<String> written) {
        String name = String.format(Locale.ROOT, "inv-%05d.txt", ++invoiceSeq);
        StringBuilder sb = new StringBuilder("INVOICE ").append(name).append('\n');
        int lines = 40 + random.nextInt(120);
        for (int i = 0; i < lines; i++) {
            sb.append(String.format(Locale.ROOT, "line %03d  sku-%06d  qty %3d  unit %8.2f EUR%n", i, random.nextInt(1_000_000),
                    1 + random.nextInt(50), random.nextDouble() * 500));
        }
        return put("invoices", name, sb.toString().getBytes(StandardCharsets.UTF_8), written);
    }

    private String orderJson(String name) {
        return String.format(Locale.ROOT, "{\"id\":\"%s\",\"customer\":\"c-%05d\",\"amount\":%.2f,\"items\":%d,\"rev\":%d}",
                name, random.nextInt(100_000), random.nextDouble() * 10_000, 1 + random.nextInt(20), random.nextInt(1_000_000));
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /**
     * Objects carry what real ones do, so that an exact restore is exercised: a content type per container, a
     * cache policy on media, metadata on orders, and index tags on every third object.
     */
    private long put(String container, String name, byte[] data, List<String> written) {
        BlobContainerClient c = production.container(container);
        BlobHttpHeaders headers = new BlobHttpHeaders().setContentType(switch (container) {
            case "orders" -> "application/json";
            case "invoices" -> "text/plain; charset=utf-8";
            default -> "application/octet-stream";
        });
        if (container.equals("media")) headers.setCacheControl("public, max-age=86400").setContentDisposition("attachment");
        Map<String, String> metadata = container.equals("orders") ? Map.of("source", "checkout", "schema", "v" + (1 + random.nextInt(3))) : Map.of();
        Map<String, String> tags = random.nextInt(3) == 0 ? Map.of("retention", "7y", "team", container) : Map.of();
        c.getBlobClient(name).uploadWithResponse(new BlobParallelUploadOptions(BinaryData.fromBytes(data)).setHeaders(headers)
                .setMetadata(metadata).setTags(tags), null, null);
        written.add(container + "/" + name);
        return data.length;
    }
}
