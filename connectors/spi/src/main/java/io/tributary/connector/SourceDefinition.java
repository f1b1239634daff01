package io.tributary.connector;

import io.tributary.spec.ConfigValues;

/**
 * One validated source file: its name and the values of the connector's own section.
 *
 * @param name     the source name, unique across the config directory
 * @param type     the connector type
 * @param protocol the values under the key named by {@code type}
 * @param file     the file it was read from, for messages
 */
public record SourceDefinition(String name, String type, ConfigValues protocol, String file) {
}
