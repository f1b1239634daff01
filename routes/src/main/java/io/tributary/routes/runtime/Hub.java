package io.tributary.routes.runtime;

import io.tributary.lake.LakeSink;
import io.tributary.lake.LakeTable;
import io.tributary.lake.storage.LakeStorage;
import io.tributary.routes.camel.KafkaEndpoints;
import io.tributary.routes.camel.SourceRouteBuilder;
import io.tributary.routes.camel.TopicProvisioner;
import io.tributary.routes.config.HubConfig;
import io.tributary.routes.config.LoadedConfig;
import io.tributary.routes.config.SourceConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.impl.DefaultCamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running hub: source routes into Kafka, lake sinks out of Kafka, HTTP endpoints and console progress. Closing
 * it stops the sources first, so in-flight messages reach Kafka, then flushes and commits the lake files.
 */
public final class Hub implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Hub.class);
    /** Prefix of a lake sink's entry in {@link #routeStatus()}, before the table name. */
    public static final String LAKE_STATUS_PREFIX = "lake:";

    private final HubMetrics metrics = new HubMetrics();
    private final List<LakeSink> sinks = new ArrayList<>();
    /** lake.storage, shared by every sink; opened with the first lake table. */
    private LakeStorage lakeStorage;
    private CamelContext camel;
    private HttpEndpoints http;
    private ProgressReporter progress;
    private boolean closed;

    private Hub() {
    }

    public static Hub start(LoadedConfig config, PrintStream console, long progressMillis) throws Exception {
        if (!config.valid()) {
            throw new IllegalArgumentException("refusing to start on an invalid config:\n" + config.problems());
        }
        Hub hub = new Hub();
        try {
            hub.startAll(config, console, progressMillis);
        } catch (Exception e) {
            hub.close();
            throw e;
        }
        return hub;
    }

    private void startAll(LoadedConfig config, PrintStream console, long progressMillis) throws Exception {
        HubConfig settings = config.hub();
        Map<String, Object> kafkaProps = settings.kafkaClientProperties();
        TopicProvisioner.ensureTopics(kafkaProps, config.sources(), settings.maxMessageBytes());

        camel = new DefaultCamelContext();
        camel.getShutdownStrategy().setTimeout(30);
        KafkaEndpoints kafka = KafkaEndpoints.install(camel, kafkaProps, settings.clientId(), settings.maxMessageBytes());
        List<String> summaries = new ArrayList<>();
        for (SourceConfig source : config.sources()) {
            var endpoints = source.connector().endpoints(source.definition(), camel);
            camel.addRoutes(new SourceRouteBuilder(source, endpoints, kafka, metrics));
            summaries.add(source.name() + " (" + source.definition().type() + "): "
                    + source.connector().describeOrigin(source.definition()) + " -> kafka " + source.topic());
        }
        camel.start();

        for (SourceConfig source : config.sources()) {
            Optional<LakeTable> table = LakeTables.of(source);
            if (table.isPresent()) {
                if (lakeStorage == null) {
                    lakeStorage = LakeStorages.open(settings);
                    LOG.info("Lake storage: {}", lakeStorage.describe());
                }
                LakeSink sink = new LakeSink(table.get(), lakeStorage, kafkaProps, settings.lakeInstanceId(),
                        metrics);
                sinks.add(sink);
                sink.start();
            }
        }
        if (settings.httpEnabled()) {
            http = new HttpEndpoints(settings.httpHost(), settings.httpPort(), metrics, this::routeStatus, summaries);
            LOG.info("HTTP endpoints on http://{}:{}/ (/health, /metrics)", settings.httpHost(), http.port());
        }
        progress = new ProgressReporter(metrics, console);
        progress.start(progressMillis);
        LOG.info("Hub started: {} source(s), {} lake table(s)", config.sources().size(), sinks.size());
    }

    public HubMetrics metrics() {
        return metrics;
    }

    public Optional<Integer> httpPort() {
        return Optional.ofNullable(http).map(HttpEndpoints::port);
    }

    /**
     * Each source route's id to Camel's status (e.g. "Started"), and {@code lake:<table>} to "Started" or "Stopped"
     * for each lake sink: a sink that stopped on its own (fenced by another hub with its instance id, a storage
     * failure) writes nothing more, so the hub must not look healthy.
     */
    public Map<String, String> routeStatus() {
        Map<String, String> status = new LinkedHashMap<>();
        if (camel != null) {
            for (Route route : camel.getRoutes()) {
                status.put(route.getRouteId(), camel.getRouteController().getRouteStatus(route.getRouteId()).name());
            }
        }
        for (LakeSink sink : sinks) {
            status.put(LAKE_STATUS_PREFIX + sink.tableName(), sink.isRunning() ? "Started" : "Stopped");
        }
        return status;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // sources first: in-flight messages finish their Kafka write and are acknowledged to their broker
        if (camel != null) {
            try {
                camel.stop();
            } catch (RuntimeException e) {
                LOG.warn("Stopping the source routes failed: {}", e.getMessage(), e);
            }
        }
        // then the lake: open files are closed, renamed and their offsets committed
        for (LakeSink sink : sinks) {
            try {
                sink.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing a lake sink failed: {}", e.getMessage(), e);
            }
        }
        if (lakeStorage != null) {
            try {
                lakeStorage.close();
            } catch (IOException | RuntimeException e) {
                LOG.warn("Closing the lake storage failed: {}", e.getMessage(), e);
            }
        }
        if (http != null) {
            http.close();
        }
        if (progress != null) {
            progress.close();
        }
        LOG.info("Hub stopped");
    }
}
