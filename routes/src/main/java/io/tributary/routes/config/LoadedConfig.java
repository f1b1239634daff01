package io.tributary.routes.config;

import io.tributary.spec.Problems;
import java.util.List;

/** A config directory after validation: the hub settings, the sources, and every problem found. */
public record LoadedConfig(HubConfig hub, List<SourceConfig> sources, Problems problems) {

    public boolean valid() {
        return problems.isEmpty();
    }
}
