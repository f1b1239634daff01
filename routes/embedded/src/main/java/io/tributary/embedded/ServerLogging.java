package io.tributary.embedded;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded servers' own INFO chatter out of the hub's log. A level that the
 * application's logging configuration sets explicitly always wins: this only fills in a WARN
 * level for server loggers that have none, and only when Logback is the SLF4J backend.
 */
final class ServerLogging {

    private static final String LOGBACK_CONTEXT = "ch.qos.logback.classic.LoggerContext";

    static final List<String> KAFKA_SERVER_LOGGERS = List.of(
            "kafka",
            "state.change.logger",
            "org.apache.kafka.controller",
            "org.apache.kafka.coordinator",
            "org.apache.kafka.image",
            "org.apache.kafka.metadata",
            "org.apache.kafka.queue",
            "org.apache.kafka.raft",
            "org.apache.kafka.server",
            "org.apache.kafka.snapshot",
            "org.apache.kafka.storage");

    static final List<String> HIVEMQ_LOGGERS = List.of(
            "com.hivemq",
            "jetbrains.exodus",
            "oshi",
            "org.rocksdb");

    private ServerLogging() {
    }

    static void quietKafkaServer() {
        quiet(KAFKA_SERVER_LOGGERS);
    }

    static void quietHiveMq() {
        quiet(HIVEMQ_LOGGERS);
    }

    private static void quiet(List<String> loggerNames) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        // compare by name so that a classpath without Logback never has to load its classes
        if (!LOGBACK_CONTEXT.equals(factory.getClass().getName())) {
            return;
        }
        LoggerContext context = (LoggerContext) factory;
        for (String name : loggerNames) {
            ch.qos.logback.classic.Logger logger = context.getLogger(name);
            if (logger.getLevel() == null) {
                logger.setLevel(Level.WARN);
            }
        }
    }
}
