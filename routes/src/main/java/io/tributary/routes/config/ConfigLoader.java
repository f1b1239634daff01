package io.tributary.routes.config;

import io.tributary.connector.SourceConnector;
import io.tributary.connector.SourceConnectors;
import io.tributary.connector.SourceDefinition;
import io.tributary.spec.ConfigValues;
import io.tributary.spec.Location;
import io.tributary.spec.Option;
import io.tributary.spec.Problems;
import io.tributary.spec.Section;
import io.tributary.spec.SpecReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Reads and validates a config directory: {@code hub.yaml} plus one file per source under {@code sources/}.
 * Nothing starts unless this finds no problem.
 */
public final class ConfigLoader {

    private final SourceConnectors connectors;
    private final Section sourceRoot;
    private final SpecReader reader;

    public ConfigLoader(SourceConnectors connectors, Function<String, Optional<String>> variables) {
        this.connectors = connectors;
        this.sourceRoot = SourceOptions.root(connectors);
        this.reader = new SpecReader(variables);
    }

    public LoadedConfig load(Path dir) {
        Problems problems = new Problems();
        Path hubFile = dir.resolve("hub.yaml");
        HubConfig hub = null;
        if (!Files.isRegularFile(hubFile)) {
            problems.add(Location.unknown(hubFile.toString()), "", "missing: a config directory needs hub.yaml");
        } else {
            ConfigValues values = reader.read(hubFile.toString(), readText(hubFile), HubOptions.ROOT, problems);
            hub = values == null ? null : new HubConfig(values);
        }
        List<SourceConfig> sources = new ArrayList<>();
        for (Path file : sourceFiles(dir.resolve("sources"), problems)) {
            ConfigValues values = reader.read(file.toString(), readText(file), sourceRoot, problems);
            if (values != null) {
                toSource(file, values).ifPresent(sources::add);
            }
        }
        checkAcrossFiles(sources, problems);
        if (hub != null) {
            LakeSchemaCheck.check(hub, sources, problems);
        }
        return new LoadedConfig(hub, List.copyOf(sources), problems);
    }

    private Optional<SourceConfig> toSource(Path file, ConfigValues values) {
        String name = values.get(SourceOptions.NAME);
        String type = values.get(SourceOptions.<String>rootOption(sourceRoot, "type"));
        if (name == null || type == null) {
            return Optional.empty();
        }
        Optional<SourceConnector> connector = connectors.find(type);
        Option<ConfigValues> protocolOption = SourceOptions.rootOption(sourceRoot, type);
        if (connector.isEmpty() || !values.isSet(protocolOption)) {
            return Optional.empty();
        }
        SourceDefinition definition = new SourceDefinition(name, type, values.get(protocolOption), file.toString());
        Option<ConfigValues> lake = SourceOptions.rootOption(sourceRoot, "lake");
        Option<ConfigValues> device = SourceOptions.rootOption(sourceRoot, "device");
        return Optional.of(new SourceConfig(definition, connector.get(),
                values.isSet(device) ? values.get(device) : null,
                values.get(SourceOptions.<ConfigValues>rootOption(sourceRoot, "kafka")),
                values.isSet(lake) ? values.get(lake) : null,
                values));
    }

    /** Rules no single file can check: names and tables must be unique across the directory. */
    private void checkAcrossFiles(List<SourceConfig> sources, Problems problems) {
        Map<String, SourceConfig> byName = new HashMap<>();
        Map<String, SourceConfig> byTable = new HashMap<>();
        for (SourceConfig source : sources) {
            SourceConfig first = byName.putIfAbsent(source.name(), source);
            if (first != null) {
                ConfigValues root = source.rootValues();
                problems.add(root.locationOf(SourceOptions.NAME), "name", "source name '" + source.name()
                        + "' is already used by " + first.rootValues().locationOf(SourceOptions.NAME));
            }
            source.lake().ifPresent(lake -> {
                String table = lake.get(LakeOptions.TABLE);
                SourceConfig owner = byTable.putIfAbsent(table, source);
                if (owner != null) {
                    problems.add(lake.locationOf(LakeOptions.TABLE), "lake.table", "table '" + table
                            + "' is already written by source '" + owner.name() + "' ("
                            + owner.lake().orElseThrow().locationOf(LakeOptions.TABLE) + ")");
                }
            });
        }
    }

    private static List<Path> sourceFiles(Path dir, Problems problems) {
        if (!Files.isDirectory(dir)) {
            problems.add(Location.unknown(dir.toString()), "", "missing: a config directory needs a sources/ folder");
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted().toList();
            if (found.isEmpty()) {
                problems.add(Location.unknown(dir.toString()), "", "no source files (*.yaml) found");
            }
            return found;
        } catch (IOException e) {
            problems.add(Location.unknown(dir.toString()), "", "cannot list: " + e.getMessage());
            return List.of();
        }
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
