package io.tributary.routes.runtime;

import java.util.List;
import java.util.Map;

/** A plain HTML page of the hub's state: routes, sources and counters. */
final class StatusPage {

    private StatusPage() {
    }

    static String render(HubMetrics metrics, Map<String, String> routes, List<String> sources) {
        StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"refresh\" content=\"5\"><title>Tributary</title></head><body>"
                + "<h1>Tributary</h1><h2>Sources</h2><ul>");
        sources.forEach(s -> html.append("<li>").append(escape(s)).append("</li>"));
        html.append("</ul><h2>Routes</h2><table border=\"1\"><tr><th>route</th><th>state</th></tr>");
        routes.forEach((route, state) -> html.append("<tr><td>").append(escape(route)).append("</td><td>")
                .append(escape(state)).append("</td></tr>"));
        html.append("</table><h2>Counters</h2><table border=\"1\"><tr><th>counter</th><th>total</th></tr>");
        metrics.totals().forEach((name, value) -> html.append("<tr><td>").append(escape(name)).append("</td><td>")
                .append(value).append("</td></tr>"));
        return html.append("</table></body></html>").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
