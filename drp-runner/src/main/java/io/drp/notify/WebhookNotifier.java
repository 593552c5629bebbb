package io.drp.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drp.config.Webhook;
import io.drp.egress.WebhookPost;
import io.drp.model.DrillReport;
import io.drp.model.Verdict;
import io.drp.report.MarkdownReportRenderer;
import io.drp.report.ReportJson;

import java.util.Set;

/**
 * Posts a drill's outcome to a webhook (Slack, Teams, or any JSON endpoint): {@code text} holds the Markdown
 * summary, the other fields are for machines. The URL usually embeds a token, so it comes from the
 * environment and is never printed. A failed or refused notification (see {@link io.drp.egress.WebhookTarget}) is
 * reported but never changes the drill's result.
 */
public final class WebhookNotifier {

    private final Webhook hook;
    private final Set<Verdict> on;
    private final WebhookPost post;

    public WebhookNotifier(Webhook hook, Set<Verdict> on) {
        this(hook, on, new WebhookPost());
    }

    public WebhookNotifier(Webhook hook, Set<Verdict> on, WebhookPost post) {
        this.hook = hook;
        this.on = Set.copyOf(on);
        this.post = post;
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
        String to = "${env:" + hook.source() + "}";
        try {
            WebhookPost.Outcome o = post.post(hook.url().reveal(), hook.allowInsecure(), body.toString());
            if (o.refused() != null) return "notification to " + to + " refused: the webhook " + o.refused() + " (allowInsecure: true allows it)";
            if (o.failed() != null) return "notification to " + to + " failed: " + o.failed();
            if (o.status() / 100 != 2) return "notification to " + to + " failed: HTTP " + o.status();
            return "notified " + to + " (HTTP " + o.status() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "notification interrupted";
        }
    }
}
