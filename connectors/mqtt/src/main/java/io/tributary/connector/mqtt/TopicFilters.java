package io.tributary.connector.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The topic filter rules of the MQTT specification (3.1.1 and 5, section 4.7) plus MQTT 5 shared subscriptions
 * (section 4.8.2). Each method returns what is wrong, or null when the filter is fine, so it plugs straight into an
 * option {@link io.tributary.spec.Check}.
 */
final class TopicFilters {

    static final String SHARE_PREFIX = "$share/";
    private static final int MAX_UTF8_BYTES = 65_535;

    private TopicFilters() {
    }

    /** Checks a list of filters; the message names the offending element by index. */
    static String problemInList(List<String> filters) {
        if (filters.isEmpty()) {
            return "give at least one topic filter, e.g. [\"fleet/+/telemetry\"]";
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < filters.size(); i++) {
            String filter = filters.get(i);
            String problem = problem(filter);
            if (problem != null) {
                return "topics[" + i + "] '" + filter + "': " + problem;
            }
            if (!seen.add(filter)) {
                return "topics[" + i + "] '" + filter + "' is listed twice";
            }
        }
        return null;
    }

    /** What is wrong with one filter, or null. */
    static String problem(String filter) {
        if (filter.startsWith(SHARE_PREFIX)) {
            return sharedProblem(filter);
        }
        return plainProblem(filter);
    }

    static boolean isShared(String filter) {
        return filter.startsWith(SHARE_PREFIX);
    }

    private static String sharedProblem(String filter) {
        String rest = filter.substring(SHARE_PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return "a shared subscription is $share/<group>/<filter>; the filter after the group is missing";
        }
        String group = rest.substring(0, slash);
        if (group.isEmpty()) {
            return "the share group name after $share/ is empty";
        }
        if (group.contains("+") || group.contains("#")) {
            return "the share group name '" + group + "' must not contain '+' or '#'";
        }
        String inner = rest.substring(slash + 1);
        if (inner.isEmpty()) {
            return "the filter after $share/" + group + "/ is empty";
        }
        return plainProblem(inner);
    }

    private static String plainProblem(String filter) {
        if (filter.isEmpty()) {
            return "a topic filter must not be empty";
        }
        if (filter.indexOf('\u0000') >= 0) {
            return "a topic filter must not contain the null character U+0000";
        }
        if (filter.getBytes(StandardCharsets.UTF_8).length > MAX_UTF8_BYTES) {
            return "a topic filter must not be longer than " + MAX_UTF8_BYTES + " bytes in UTF-8";
        }
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.contains("#")) {
                if (!level.equals("#")) {
                    return "'#' must occupy a whole level, as in 'a/#', not '" + level + "'";
                }
                if (i != levels.length - 1) {
                    return "'#' must be the last level";
                }
            }
            if (level.contains("+") && !level.equals("+")) {
                return "'+' must occupy a whole level, as in 'a/+/b', not '" + level + "'";
            }
        }
        return null;
    }
}
