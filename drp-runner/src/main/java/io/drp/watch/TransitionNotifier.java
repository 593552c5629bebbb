package io.drp.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drp.config.Webhook;
import io.drp.egress.WebhookPost;
import io.drp.report.ReportJson;

import java.util.ArrayList;
import java.util.List;

/**
 * Posts each transition to the configured webhooks: {@code text} for Slack and Teams, the other fields for
 * machines. A failed post is reported, never retried in a loop and never stops the watch (the next transition
 * still goes out). A webhook whose target is refused (see {@link io.drp.egress.WebhookTarget}) gets nothing. The URLs
 * carry tokens: only their variable names are ever printed.
 */
public final class TransitionNotifier {

    private final List<Webhook> webhooks;
    private final WebhookPost post;

    public TransitionNotifier(List<Webhook> webhooks) {
        this(webhooks, new WebhookPost());
    }

    public TransitionNotifier(List<Webhook> webhooks, WebhookPost post) {
        this.webhooks = List.copyOf(webhooks);
        this.post = post;
    }

    /** @return one line per webhook, for the console */
    public List<String> send(Transition t, ResponsePlan plan, io.drp.config.ServiceHours.State window) {
        ObjectNode payload = payload(t, plan);
        if (window != null) {
            ObjectNode w = payload.putObject("serviceWindow");
            w.put("inside", window.open());
            w.put("window", window.current());
            w.put("nextOpensAt", window.nextOpensAt() == null ? null : window.nextOpensAt().toString());
            w.put("zone", window.zone());
        }
        String body = payload.toString();
        List<String> out = new ArrayList<>();
        for (Webhook hook : webhooks) {
            String to = "${env:" + hook.source() + "}";
            try {
                WebhookPost.Outcome o = post.post(hook.url().reveal(), hook.allowInsecure(), body);
                if (o.refused() != null) {
                    out.add("notification to " + to + " refused: the webhook " + o.refused() + " (allowInsecure: true allows it)");
                } else if (o.failed() != null) {
                    out.add("notification to " + to + " failed: " + o.failed());
                } else {
                    int code = o.status();
                    out.add((code / 100 == 2 ? "notified " : "notification to ") + to + (code / 100 == 2 ? "" : " failed") + " (HTTP " + code + ")");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                out.add("notification to " + to + " interrupted");
            }
        }
        return out;
    }

    static ObjectNode payload(Transition t, ResponsePlan plan) {
        ObjectNode b = ReportJson.mapper().createObjectNode();
        b.put("event", t.type().name());
        b.put("incidentId", t.incidentId());
        b.put("at", t.at().toString());
        b.put("incidentStart", t.incidentStart() == null ? null : t.incidentStart().toString());
        b.put("outageSeconds", t.outageSeconds());
        if (t.level() == null) b.putNull("level"); else b.put("level", t.level());
        b.put("scenario", t.scenario());
        b.put("levelDescription", t.levelDescription());
        t.failing().forEach(b.putArray("failing")::add);
        b.put("command", plan == null ? null : plan.commandLine());
        b.put("automatic", plan != null && plan.automatic());
        b.put("text", text(t, plan));
        return b;
    }

    static String text(Transition t, ResponsePlan plan) {
        String head = switch (t.type()) {
            case SUSPECTED -> "drp watch: outage suspected (" + String.join("; ", t.failing()) + ")";
            case DECLARED -> "drp watch: INCIDENT " + t.incidentId() + " declared, level " + t.level() + " (" + t.levelDescription()
                    + "), down since " + t.incidentStart();
            case ESCALATED -> "drp watch: incident " + t.incidentId() + " ESCALATED to level " + t.level() + " (" + t.levelDescription() + ")";
            case RECOVERED -> "drp watch: recovered after " + Math.round(t.outageSeconds()) + " s" + (t.incidentId() == null ? "" : " (" + t.incidentId() + ")");
        };
        if (plan == null) return head;
        return head + (plan.automatic() ? "\ndrp is running: " : "\nto recover, run: ") + plan.commandLine();
    }
}
