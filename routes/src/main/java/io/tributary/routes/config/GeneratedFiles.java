package io.tributary.routes.config;

import io.tributary.connector.SourceConnector;
import io.tributary.connector.SourceConnectors;
import io.tributary.spec.JsonSchemas;
import io.tributary.spec.OptionDocs;
import io.tributary.spec.Section;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files derived from the option declarations and committed for users: the JSON Schemas editors use and the
 * option reference. A test fails when they are stale.
 */
public final class GeneratedFiles {

    public static final String HUB_SCHEMA = "config/schema/hub.schema.json";
    public static final String SOURCE_SCHEMA = "config/schema/source.schema.json";
    public static final String OPTIONS_DOC = "docs/options.md";

    private final Path root;

    public GeneratedFiles(Path root) {
        this.root = root;
    }

    /** Relative path to the content it should have. */
    public Map<String, String> expected() {
        SourceConnectors connectors = SourceConnectors.discover();
        Section source = SourceOptions.root(connectors);
        Map<String, String> files = new LinkedHashMap<>();
        files.put(HUB_SCHEMA, JsonSchemas.text(HubOptions.ROOT,
                "https://tributary.io/schema/hub.schema.json", "Tributary hub.yaml"));
        files.put(SOURCE_SCHEMA, JsonSchemas.text(source,
                "https://tributary.io/schema/source.schema.json", "Tributary source file"));
        StringBuilder docs = new StringBuilder("# Configuration options\n\n"
                + "Generated from the option declarations by `./tributary generate`; do not edit by hand.\n"
                + "A config directory holds `hub.yaml` and one file per source under `sources/`.\n"
                + "Any value may be written as `${ENV_VAR}` or `${ENV_VAR:-fallback}`.\n\n");
        docs.append(OptionDocs.markdown("hub.yaml", HubOptions.ROOT));
        docs.append(OptionDocs.markdown("Source files: keys every source has", commonOnly(source, connectors)));
        for (SourceConnector connector : connectors.all().values()) {
            docs.append(OptionDocs.markdown("Source files: `" + connector.type() + ":` — " + connector.description(),
                    connector.options()));
        }
        files.put(OPTIONS_DOC, docs.toString());
        return files;
    }

    /** The source file's options without the per-connector sections, which get a table each. */
    private static Section commonOnly(Section full, SourceConnectors connectors) {
        return Section.builder(full.description())
                .add(full.options().stream().filter(o -> connectors.find(o.name()).isEmpty())
                        .toArray(io.tributary.spec.Option[]::new))
                .build();
    }

    public List<Path> write() throws IOException {
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, String> file : expected().entrySet()) {
            Path path = root.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
            written.add(path);
        }
        return written;
    }

    public List<Path> stale() throws IOException {
        List<Path> stale = new ArrayList<>();
        for (Map.Entry<String, String> file : expected().entrySet()) {
            Path path = root.resolve(file.getKey());
            if (!Files.isRegularFile(path) || !Files.readString(path, StandardCharsets.UTF_8).equals(file.getValue())) {
                stale.add(path);
            }
        }
        return stale;
    }
}
