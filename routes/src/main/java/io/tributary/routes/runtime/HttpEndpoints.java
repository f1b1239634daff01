package io.tributary.routes.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The hub's HTTP face: {@code /health} (200 when every source route and lake sink runs, else 503), {@code /metrics} (Prometheus) and {@code /}
 * (a status page). Nothing served here is read from config values, so no secret can reach it.
 */
public final class HttpEndpoints implements AutoCloseable {

    private final HttpServer server;

    public HttpEndpoints(String host, int port, HubMetrics metrics, Supplier<Map<String, String>> routeStatus,
                         List<String> sourceSummaries) throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 16);
        server.createContext("/health", exchange -> {
            Map<String, String> status = routeStatus.get();
            boolean up = !status.isEmpty() && status.values().stream().allMatch("Started"::equals);
            StringBuilder json = new StringBuilder("{\"status\":\"" + (up ? "UP" : "DOWN") + "\",\"routes\":{");
            status.forEach((route, state) -> json.append('"').append(route).append("\":\"").append(state).append("\","));
            if (!status.isEmpty()) {
                json.setLength(json.length() - 1);
            }
            respond(exchange, up ? 200 : 503, "application/json", json.append("}}").toString());
        });
        server.createContext("/metrics", exchange ->
                respond(exchange, 200, "text/plain; version=0.0.4", metrics.scrape()));
        server.createContext("/", exchange -> {
            if (!exchange.getRequestURI().getPath().equals("/")) {
                respond(exchange, 404, "text/plain", "not found");
                return;
            }
            respond(exchange, 200, "text/html; charset=utf-8", StatusPage.render(metrics, routeStatus.get(), sourceSummaries));
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
