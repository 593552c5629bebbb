package io.drp.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drp.config.Secret;
import io.drp.model.DrillReport;
import io.drp.model.Verdict;
import io.drp.report.MarkdownReportRenderer;
import io.drp.report.ReportJson;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

/**
 * Posts a drill's outcome to a webhook (Slack, Teams, or any JSON endpoint): {@code text} holds the Markdown
 * summary, the other fields are for machines. The URL usually embeds a token, so it comes from the
 * environment and is never printed. A failed notification is reported but never changes the drill's result.
 */
public final class WebhookNotifier {

    private final Secret url;
    private final Set<Verdict> on;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public WebhookNotifier(Secret url, Set<Verdict> on) {
        this.url = url;
        this.on = Set.copyOf(on);
    }

    public boolean wants(Verdict v) {
        return on.contains(v);
    }

    /** @return a one-line outcome for the console, never containing the URL */
    public String send(DrillReport r) {
        if (!wants(r.verdict())) {
            return "notification skipped (" + r.verdict() + " is not in drill.notify.on)";
        }
        ObjectNode body = ReportJson.mapper().createObjectNode();
        body.put("text", MarkdownReportRenderer.render(r));
        body.put("drillId", r.drillId());
        body.put("verdict", r.verdict().name());
        body.put("verdictReason", r.verdictReason());
        if (r.measured() != null) {
            body.put("rtoSeconds", r.measured().rtoSeconds());
            body.put("rpoSeconds", r.measured().rpoSeconds());
            body.put("recoveryPoint", r.measured().recoveryPoint());
        }
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url.reveal()))
                    .timeout(Duration.ofSeconds(15))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                    .build();
            HttpResponse<Void> resp = http.send(req, HttpResponse.BodyHandlers.discarding());
            if (resp.statusCode() / 100 != 2) {
                return "notification to ${env:" + url.source() + "} failed: HTTP " + resp.statusCode();
            }
            return "notified ${env:" + url.source() + "} (HTTP " + resp.statusCode() + ")";
        } catch (IOException | IllegalArgumentException e) {
            return "notification to ${env:" + url.source() + "} failed: " + e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "notification interrupted";
        }
    }
}
