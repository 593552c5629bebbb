package io.drp.demo.app;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The demo's orders service: serves /health and /orders/count from the blobs of one container. A recovery plan starts
 * it against the recovered container and checks /orders/count, so the drill's RTO ends when the service answers.
 *
 * Environment: ORDERS_STORAGE_CONNECTION_STRING (a secret the plan passes as ${env:...}), ORDERS_CONTAINER (default:
 * DRP_CONTAINER_ORDERS, the restored container's name that drp sets), PORT (default 8080).
 * Run: java -cp "drp.jar:lib/*" io.drp.demo.app.OrdersApp   (drp's jar and libraries carry the Azure SDK). It ships
 * compiled inside drp, so that the release archive's trimmed runtime (no compiler) can run it as well.
 */
public final class OrdersApp {

    public static void main(String[] args) throws IOException {
        String container = env("ORDERS_CONTAINER", env("DRP_CONTAINER_ORDERS", "orders"));
        BlobContainerClient blobs = new BlobServiceClientBuilder().connectionString(env("ORDERS_STORAGE_CONNECTION_STRING", null))
                .buildClient().getBlobContainerClient(container);
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(env("PORT", "8080"))), 0);
        http.createContext("/health", ex -> answer(ex, blobs.exists() ? 200 : 503, blobs.exists() ? "ok" : "container missing"));
        http.createContext("/orders/count", ex -> {
            try {
                answer(ex, 200, "{\"container\": \"" + container + "\", \"count\": " + blobs.listBlobs().stream().count() + "}");
            } catch (RuntimeException storageDown) {
                answer(ex, 503, "{\"error\": \"storage unavailable\"}");
            }
        });
        http.start();
        System.out.println("orders-app serving " + container + " on port " + http.getAddress().getPort());
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        if (v != null && !v.isBlank()) return v;
        if (fallback == null) throw new IllegalStateException(name + " is not set");
        return fallback;
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", body.startsWith("{") ? "application/json" : "text/plain");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }
}
